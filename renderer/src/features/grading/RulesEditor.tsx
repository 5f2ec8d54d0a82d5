import { Button, IconButton, MenuItem, Stack, TextField, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { useTranslation } from 'react-i18next';
import { GRADES } from '../../../../shared/api/customers.ts';
import { ABC_CLASSES, GRADING_RULES_MAX, type GradingRule } from '../../../../shared/api/grading.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { ruleSentence } from './grading-format.ts';

const SCORES = [1, 2, 3, 4, 5] as const;
const SCORE_FIELDS = ['minR', 'minF', 'minM'] as const;
const ANY = 'any';

/** The rules as rows, first match wins: each row's conditions and grade, read back as a sentence. */
export function RulesEditor({ rules, onChange }: { rules: GradingRule[]; onChange: (rules: GradingRule[]) => void }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const set = (index: number, change: Partial<GradingRule>) => onChange(rules.map((rule, i) => (i === index ? { ...rule, ...change } : rule)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rules];
    const [rule] = next.splice(index, 1);
    if (rule) next.splice(index + by, 0, rule);
    onChange(next);
  };
  return (
    <Stack spacing={1.5} component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label={t('grading.rules')}>
      {rules.map((rule, index) => {
        const n = index + 1;
        return (
          <Stack component="li" key={index} spacing={0.5} data-rule-index={index}>
            <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography sx={{ width: 28 }} color="text.secondary">{`${n}.`}</Typography>
              <TextField select size="small" sx={{ width: 110 }} label={t('grading.ruleFields.abc')} value={rule.abc ?? ANY} onChange={(e) => set(index, { abc: ABC_CLASSES.find((c) => c === e.target.value) ?? null })}>
                <MenuItem value={ANY}>{t('grading.ruleFields.any')}</MenuItem>
                {ABC_CLASSES.map((c) => (
                  <MenuItem key={c} value={c}>
                    {c}
                  </MenuItem>
                ))}
              </TextField>
              {SCORE_FIELDS.map((field) => (
                <TextField key={field} select size="small" sx={{ width: 130 }} label={t(`grading.ruleFields.${field}`)} value={rule[field] === null ? ANY : String(rule[field])} onChange={(e) => set(index, { [field]: SCORES.find((s) => String(s) === e.target.value) ?? null })}>
                  <MenuItem value={ANY}>{t('grading.ruleFields.any')}</MenuItem>
                  {SCORES.map((s) => (
                    <MenuItem key={s} value={String(s)}>{`≥ ${s}`}</MenuItem>
                  ))}
                </TextField>
              ))}
              <TextField select size="small" sx={{ width: 150 }} label={t('grading.ruleFields.grade')} value={rule.grade} onChange={(e) => set(index, { grade: GRADES.find((g) => g === e.target.value) ?? rule.grade })}>
                {GRADES.map((g) => (
                  <MenuItem key={g} value={g}>
                    {t(`customer.grades.${g}`)}
                  </MenuItem>
                ))}
              </TextField>
              <Tooltip title={t('grading.moveUp')}>
                <span>
                  <IconButton size="small" disabled={index === 0} aria-label={t('grading.moveUpLabel', { n })} onClick={() => move(index, -1)}>
                    <ArrowUpwardIcon fontSize="small" />
                  </IconButton>
                </span>
              </Tooltip>
              <Tooltip title={t('grading.moveDown')}>
                <span>
                  <IconButton size="small" disabled={index === rules.length - 1} aria-label={t('grading.moveDownLabel', { n })} onClick={() => move(index, 1)}>
                    <ArrowDownwardIcon fontSize="small" />
                  </IconButton>
                </span>
              </Tooltip>
              <Tooltip title={t('grading.removeRule')}>
                <span>
                  <IconButton size="small" disabled={rules.length === 1} aria-label={t('grading.removeRuleLabel', { n })} onClick={() => onChange(rules.filter((_, i) => i !== index))}>
                    <DeleteOutlineIcon fontSize="small" />
                  </IconButton>
                </span>
              </Tooltip>
            </Stack>
            <Typography variant="body2" color="text.secondary" sx={{ pl: 4.5 }} data-testid="rule-sentence">
              {ruleSentence(t, rule, lng)}
            </Typography>
          </Stack>
        );
      })}
      <li>
        <Button startIcon={<AddIcon />} disabled={rules.length >= GRADING_RULES_MAX} onClick={() => onChange([...rules, { abc: null, minR: null, minF: null, minM: null, grade: 'potential' }])}>
          {t('grading.addRule')}
        </Button>
      </li>
    </Stack>
  );
}
