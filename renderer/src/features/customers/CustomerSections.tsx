import { Box, Link, List, ListItem, ListItemText, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import StarIcon from '@mui/icons-material/Star';
import i18next from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import { parseLunarDate } from '../../../../shared/lunar-date.ts';
import { OverflowText } from '../../app/OverflowText.tsx';
import { formatCalendarDate, formatDate, formatDateTime, formatLunarDate } from '../../i18n/format.ts';
import { CollapsibleText } from './CollapsibleText.tsx';
import { TagChips } from './CustomerChips.tsx';
import { nextLunarBirthday } from './lunar.ts';

// The customer detail page's sections: what is known of the customer, its contacts, its grades.

/** A field as a term and its value; empty values show a dash so the layout stays stable. */
function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  const empty = children === '' || children === null || children === undefined;
  return (
    <Box sx={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Typography component="dt" variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {empty ? '—' : children}
      </Typography>
    </Box>
  );
}

/** 农历1990年八月十五 (下一次：2027年9月15日): the lunar date, and the Gregorian day it next falls on. */
function lunarBirthdayText(text: string): string {
  const date = parseLunarDate(text);
  if (!date) return text;
  const now = new Date(); // the shop's local date, as everywhere "today" is meant
  const next = nextLunarBirthday(date, { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
  const two = (n: number) => String(n).padStart(2, '0');
  const nextText = formatCalendarDate(`${String(next.year).padStart(4, '0')}-${two(next.month)}-${two(next.day)}`);
  return i18next.t('customer.lunarWithNext', { date: formatLunarDate(date), next: nextText });
}

/** A contact's birthday in a narrow column: the lunar date alone (the Today inbox says when it falls). */
function contactBirthdayText(contact: { birthday: string; birthdayCalendar: string }): string {
  if (!contact.birthday) return '';
  if (contact.birthdayCalendar !== 'lunar') return formatCalendarDate(contact.birthday);
  const date = parseLunarDate(contact.birthday);
  return date ? formatLunarDate(date) : contact.birthday;
}

const DL_SX = { display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', m: 0 } as const;

/** Everything on the customer record itself, as terms and values. */
export function CustomerFacts({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation();
  const birthdayText = c.birthday ? (c.birthdayCalendar === 'lunar' ? lunarBirthdayText(c.birthday) : formatCalendarDate(c.birthday)) : '';
  return (
    <Paper component="section" sx={{ p: 3 }}>
      <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
        {t('detail.basics')}
      </Typography>
      <Box component="dl" sx={DL_SX}>
        <Field label={t('customer.kind')}>{t(`customer.kinds.${c.kind}`)}</Field>
        <Field label={t('customer.code')}>{c.code}</Field>
        <Field label={t('customer.industry')}>{c.industry}</Field>
        <Field label={t('customer.region')}>{c.region}</Field>
        <Field label={t('customer.phone')}>{c.phone}</Field>
        <Field label={t('customer.email')}>{c.email}</Field>
        <Field label={t('customer.website')}>{c.website}</Field>
        <Field label={t('customer.source')}>{c.source}</Field>
        <Field label={t('customer.size')}>{c.size ? t(`customer.sizes.${c.size}`) : ''}</Field>
        <Field label={t('customer.stage')}>{t(`customer.stages.${c.stage}`)}</Field>
        <Field label={t('customer.grade')}>{t(`customer.grades.${c.grade}`)}</Field>
        <Field label={t('customer.owner')}>{c.ownerName ?? ''}</Field>
        <Field label={c.kind === 'company' ? t('customer.foundingDate') : t('customer.birthday')}>{birthdayText}</Field>
        <Field label={t('customer.createdAt')}>{formatDateTime(c.createdAt)}</Field>
        <Field label={t('customer.updatedAt')}>{formatDateTime(c.updatedAt)}</Field>
        <Field label={t('customer.address')} wide>
          {c.address}
        </Field>
        <Field label={t('customer.tags')} wide>
          {c.tags.length ? (
            <TagChips names={c.tags} />
          ) : (
            t('detail.noTags')
          )}
        </Field>
        <Field label={t('customer.notes')} wide>
          {c.notes ? <CollapsibleText text={c.notes} /> : ''}
        </Field>
      </Box>
    </Paper>
  );
}

export function ContactsSection({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation();
  return (
    <Paper component="section" sx={{ p: 3 }}>
      <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
        {t('customer.contacts')}
      </Typography>
      {c.contacts.length === 0 ? (
        <Typography color="text.secondary">{t('contact.none')}</Typography>
      ) : (
        <TableContainer>
          {/* Fixed columns: a long e-mail or title cannot squeeze the names to a character per line.
              Every cell is one line; what does not fit ends in an ellipsis with the whole text on hover. */}
          <Table size="small" aria-label={t('customer.contacts')} sx={{ tableLayout: 'fixed', minWidth: 900, '& th, & td': { px: 1 } }}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: '22%' }}>{t('contact.name')}</TableCell>
                <TableCell sx={{ width: '12%' }}>{t('contact.title')}</TableCell>
                <TableCell sx={{ width: 200 }}>{t('contact.phone')}</TableCell>
                <TableCell sx={{ width: 130 }}>{t('contact.mobile')}</TableCell>
                <TableCell>{t('contact.email')}</TableCell>
                <TableCell sx={{ width: '10%' }}>{t('contact.wechat')}</TableCell>
                <TableCell sx={{ width: 140 }}>{t('contact.birthday')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {c.contacts.map((contact) => (
                <TableRow key={contact.id}>
                  <TableCell>
                    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', minWidth: 0 }}>
                      <OverflowText text={contact.name} sx={{ flex: '0 1 auto' }} />
                      {contact.decisionMaker ? (
                        // A star, not a chip: a chip's words would take the width the name needs.
                        <Tooltip title={t('detail.decisionMakerBadge')}>
                          <StarIcon color="secondary" fontSize="small" role="img" aria-label={t('detail.decisionMakerBadge')} sx={{ flexShrink: 0 }} />
                        </Tooltip>
                      ) : null}
                    </Stack>
                  </TableCell>
                  <TableCell>
                    <OverflowText text={contact.title} />
                  </TableCell>
                  <TableCell>
                    <OverflowText text={contact.phone} />
                  </TableCell>
                  <TableCell>
                    <OverflowText text={contact.mobile} />
                  </TableCell>
                  <TableCell>
                    {contact.email ? (
                      <OverflowText text={contact.email}>
                        <Link href={`mailto:${contact.email}`}>{contact.email}</Link>
                      </OverflowText>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <OverflowText text={contact.wechat} />
                  </TableCell>
                  <TableCell>
                    <OverflowText text={contactBirthdayText(contact)} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
}

export function GradeHistorySection({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation();
  return (
    <Paper component="section" sx={{ p: 3 }}>
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {t('customer.gradeHistory')}
      </Typography>
      {c.gradeHistory.length === 0 ? (
        <Typography color="text.secondary">{t('detail.noGradeHistory')}</Typography>
      ) : (
        <List dense>
          {[...c.gradeHistory].reverse().map((entry, i) => (
            <ListItem key={`${entry.at}-${i}`} disableGutters>
              <ListItemText
                primary={
                  // A grade a proposal suggested says so: "suggested by ABC, accepted by 王老板" (the owner who applied it).
                  (entry.source === 'abc' || entry.source === 'rfm') && entry.byName
                    ? t('grading.historySuggested', { grade: t(`customer.grades.${entry.grade}`), date: formatDate(entry.at), source: t(`grading.sources.${entry.source}`), name: entry.byName })
                    : entry.byName
                    ? t('customer.gradeHistoryBy', { grade: t(`customer.grades.${entry.grade}`), date: formatDate(entry.at), name: entry.byName })
                    : t('customer.gradeHistoryEntry', { grade: t(`customer.grades.${entry.grade}`), date: formatDate(entry.at) })
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </Paper>
  );
}
