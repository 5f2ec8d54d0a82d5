import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRICE_LEVELS, type Competitor, type PriceLevel } from '../../../../shared/api/competitors.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useCoreMutation } from '../../app/query.ts';
import { issueMessage, serverFieldErrors } from '../../app/validation.ts';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const TEXTS = ['products', 'strengths', 'weaknesses', 'notes'] as const;
type Field = 'name' | 'priceLevel' | (typeof TEXTS)[number];
type Problems = Partial<Record<Field, string>> & { other?: string };

/** Add a competitor to the register, or edit one (competitors.manage: the owner, managers). */
export function CompetitorDialog({ competitor, onClose, onSaved }: { competitor: Competitor | null; onClose: () => void; onSaved?: (saved: Competitor) => void }) {
  const { t } = useTranslation();
  const create = useCoreMutation('competitors.create');
  const update = useCoreMutation('competitors.update');
  const pending = create.isPending || update.isPending;
  const [name, setName] = useState(competitor?.name ?? '');
  const [priceLevel, setPriceLevel] = useState<PriceLevel | ''>(competitor?.priceLevel ?? '');
  const [texts, setTexts] = useState<Record<(typeof TEXTS)[number], string>>({
    products: competitor?.products ?? '',
    strengths: competitor?.strengths ?? '',
    weaknesses: competitor?.weaknesses ?? '',
    notes: competitor?.notes ?? '',
  });
  const [problems, setProblems] = useState<Problems>({});

  const refused = (error: AppFailure) => {
    const found: Problems = {};
    for (const [path, issue] of Object.entries(serverFieldErrors(error))) {
      // The core's 'taken' is about this register's names here, not a user name.
      if (path === 'name' && issue.message === 'taken') found.name = t('competitors.problems.taken');
      else if (path === 'name' || path === 'priceLevel' || (TEXTS as readonly string[]).includes(path)) found[path as Field] = issueMessage(t, issue); // one of the fields above
    }
    if (Object.keys(found).length === 0) found.other = errorMessage(t, error);
    setProblems(found);
  };
  const save = () => {
    if (name.trim() === '') return setProblems({ name: t('validation.required') });
    const draft = { name, priceLevel: priceLevel === '' ? null : priceLevel, ...texts };
    const done = (saved: Competitor) => {
      onSaved?.(saved);
      onClose();
    };
    if (competitor) update.mutate({ ...draft, id: competitor.id, version: competitor.version }, { onSuccess: done, onError: refused });
    else create.mutate(draft, { onSuccess: done, onError: refused });
  };

  return (
    <Dialog open onClose={pending ? undefined : onClose} aria-labelledby="competitor-dialog-title" maxWidth="sm" fullWidth>
      <DialogTitle id="competitor-dialog-title">{competitor ? t('competitors.editTitle') : t('competitors.addTitle')}</DialogTitle>
      <DialogContent>
        <Stack
          spacing={2}
          sx={{ pt: 1 }}
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <Stack direction="row" spacing={2}>
            <TextField autoFocus required sx={{ flex: 1 }} label={t('competitor.name')} value={name} onChange={(e) => setName(e.target.value)} error={problems.name !== undefined} helperText={problems.name} />
            <TextField
              select
              label={t('competitor.priceLevel')}
              slotProps={NATIVE_SELECT}
              sx={{ width: 160 }}
              value={priceLevel}
              onChange={(e) => setPriceLevel(PRICE_LEVELS.find((p) => p === e.target.value) ?? '')}
              error={problems.priceLevel !== undefined}
              helperText={problems.priceLevel}
            >
              <option value="">{t('competitor.priceLevelUnknown')}</option>
              {PRICE_LEVELS.map((p) => (
                <option key={p} value={p}>
                  {t(`competitor.priceLevels.${p}`)}
                </option>
              ))}
            </TextField>
          </Stack>
          {TEXTS.map((field) => (
            <TextField
              key={field}
              multiline
              minRows={field === 'products' ? 1 : 2}
              label={t(`competitor.${field}`)}
              value={texts[field]}
              onChange={(e) => setTexts((was) => ({ ...was, [field]: e.target.value }))}
              error={problems[field] !== undefined}
              helperText={problems[field]}
            />
          ))}
          {problems.other ? <Alert severity="error">{problems.other}</Alert> : null}
          <button type="submit" hidden />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={pending}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={save} disabled={pending}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
