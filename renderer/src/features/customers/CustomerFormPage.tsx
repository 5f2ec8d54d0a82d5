import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Checkbox,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  IconButton,
  Paper,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CALENDARS, CUSTOMER_KINDS, CustomerDraft, GRADES, SIZES, STAGES } from '../../../../shared/api/customers.ts';
import type { Customer } from '../../../../shared/api/customers.ts';
import { isMasked } from '../../../../shared/masking.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { announceCustomersChanged } from '../../app/events.ts';
import { useNotify } from '../../app/notify.tsx';
import { navigate } from '../../app/router.ts';
import { useForm } from '../../app/use-form.ts';
import { draftFromValues, emptyContact, emptyCustomer, valuesFromCustomer, type ContactValues, type CustomerValues } from './draft.ts';
import { useFacets, useUsers } from './use-users.ts';
import { LunarDateFields } from './LunarDateFields.tsx';
import { lunarDateProblem } from './lunar.ts';
import { parseLunarDate } from '../../../../shared/lunar-date.ts';
import type { FieldErrors } from '../../app/validation.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import { useSession } from '../../app/session.tsx';

const GRID_SX = { display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))' } as const;
// Native selects: keyboard-friendly, and tests drive them with selectOption().
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    // No aria-label here: it would make getByLabel() match the section as well as the field.
    <Paper component="section" sx={{ p: 3 }}>
      <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

/**
 * Masked values as they came from the core and are still unchanged: shown read-only (there is
 * nothing to edit) and not checked here, since `138****1234` is no phone number; the core keeps the
 * stored value when it gets the masked text back.
 */
function maskedPaths(original: Customer | null, values: CustomerValues): ReadonlySet<string> {
  const paths = new Set<string>();
  if (!original) return paths;
  for (const key of ['phone', 'email'] as const) {
    if (isMasked(original[key]) && values[key] === original[key]) paths.add(key);
  }
  values.contacts.forEach((contact, index) => {
    const stored = original.contacts.find((c) => c.id === contact.id);
    if (!stored) return;
    // WeChat IDs are masked like phone numbers.
    for (const key of ['phone', 'mobile', 'email', 'wechat'] as const) {
      if (isMasked(stored[key]) && contact[key] === stored[key]) paths.add(`contacts.${index}.${key}`);
    }
  });
  return paths;
}

/**
 * The core's calendar check of a lunar birthday, as you type. A date kept as stored is not checked
 * (the core does not either: dates saved before leap months were told apart may lack a day).
 */
function lunarBirthdayErrors(original: Customer | null, values: CustomerValues): FieldErrors {
  if (values.birthdayCalendar !== 'lunar') return {};
  if (original && original.birthdayCalendar === 'lunar' && original.birthday === values.birthday) return {};
  const date = parseLunarDate(values.birthday);
  const problem = date ? lunarDateProblem(date) : null;
  return problem ? { birthday: { message: problem } } : {};
}

/** The banner's error when the fields show what is wrong (after a check here or the core's reasons). */
const FIELDS_REFUSED: AppError = { code: 'VALIDATION', message: 'form: invalid fields' };

type Loaded = { status: 'loading' } | { status: 'failed'; error: AppError } | { status: 'ready'; customer: Customer | null };

/** One form for creating (`id` null) and editing a customer. */
export function CustomerFormPage({ id }: { id: number | null }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session } = useSession();
  const allUsers = useUsers();
  const facets = useFacets();
  const [loaded, setLoaded] = useState<Loaded>(id === null ? { status: 'ready', customer: null } : { status: 'loading' });
  const loadedCustomer = loaded.status === 'ready' ? loaded.customer : null;
  const masked = useCallback((values: CustomerValues) => maskedPaths(loadedCustomer, values), [loadedCustomer]);
  // A new customer's responsible staff member is whoever creates it (changeable), as in the core.
  const newCustomer = useCallback(
    (): CustomerValues => ({ ...emptyCustomer(), ownerId: canOwnCustomers(session.user.role) ? session.user.id : null }),
    [session.user.role, session.user.id],
  );
  const lunarChecks = useCallback((values: CustomerValues) => lunarBirthdayErrors(loadedCustomer, values), [loadedCustomer]);
  const form = useForm<CustomerValues>(CustomerDraft, newCustomer, lunarChecks, masked);
  const { values, setField, update, error, reset } = form;
  const hidden = masked(values);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [conflict, setConflict] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);

  const load = useCallback(async () => {
    if (id === null) return;
    const result = await invoke('customers.get', { id });
    if (!result.ok) {
      logError(result.error);
      setLoaded({ status: 'failed', error: result.error });
      return;
    }
    reset(valuesFromCustomer(result.value));
    setLoaded({ status: 'ready', customer: result.value });
  }, [id, reset]);

  useEffect(() => {
    void load();
  }, [load]);

  const original = loaded.status === 'ready' ? loaded.customer : null;
  // Who may be made responsible: active users whose role can own customers, and whoever already is.
  const users = allUsers.filter((u) => (u.active && canOwnCustomers(u.role)) || u.id === original?.ownerId);

  const save = async () => {
    setFailure(null);
    if (!form.check()) {
      setFailure(FIELDS_REFUSED);
      return;
    }
    setSaving(true);
    const draft = draftFromValues(values);
    const result = original
      ? await invoke('customers.update', { ...draft, id: original.id, version: original.version })
      : await invoke('customers.create', draft);
    setSaving(false);
    if (result.ok) {
      form.markClean();
      announceCustomersChanged();
      notify({ message: t(original ? 'form.saved' : 'form.created', { name: result.value.name }) });
      navigate({ name: 'customer', id: result.value.id }, { replace: true });
      return;
    }
    logError(result.error);
    if (result.error.code === 'CONFLICT') {
      // Never overwrite someone else's change: the user decides what happens to their edits.
      setConflict(true);
      return;
    }
    // Reasons the core names go onto their fields (a responsible staff member who left meanwhile,
    // one a scoped staff member may not choose), and reasons about fields this form does not show
    // under the banner; the banner stays, as after a refused check here: on a long form it says
    // where to look.
    const named = form.applyFailure(result.error);
    setFailure(named ? FIELDS_REFUSED : result.error);
  };

  const reloadTheirs = async () => {
    setConflict(false);
    setFailure(null);
    await load();
    notify({ message: t('form.reloaded'), severity: 'info' });
  };

  const leave = () => {
    if (original) navigate({ name: 'customer', id: original.id });
    else navigate({ name: 'customers' });
  };

  if (loaded.status === 'loading') {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', p: 6 }}>
        <CircularProgress aria-label={t('app.loading')} />
      </Box>
    );
  }
  if (loaded.status === 'failed') {
    return (
      <Alert severity="error" action={<Button color="inherit" onClick={() => navigate({ name: 'customers' })}>{t('detail.back')}</Button>}>
        {errorMessage(t, loaded.error)}
      </Alert>
    );
  }

  const text = (key: keyof CustomerValues & string, label: string, extra: Partial<React.ComponentProps<typeof TextField>> = {}) => {
    const problem = error(key);
    const isHidden = hidden.has(key);
    return (
      <TextField
        label={label}
        name={key}
        value={(values[key] as string | null) ?? ''} // only string fields are passed here
        onChange={(e) => setField(key, e.target.value as never)} // the key names a string field
        error={problem !== undefined}
        helperText={problem ?? (isHidden ? t('form.maskedHint') : extra.helperText)}
        disabled={isHidden}
        fullWidth
        {...extra}
      />
    );
  };

  const suggest = (key: 'industry' | 'region', label: string, options: string[]) => (
    <Autocomplete
      freeSolo
      options={options}
      value={values[key]}
      inputValue={values[key]}
      onInputChange={(_e, value) => setField(key, value)}
      onChange={(_e, value) => setField(key, value ?? '')}
      renderInput={(params) => (
        <TextField {...params} label={label} name={key} error={error(key) !== undefined} helperText={error(key)} />
      )}
    />
  );

  const setContact = <K extends keyof ContactValues>(index: number, key: K, value: ContactValues[K]) =>
    update(
      (prev) => ({ ...prev, contacts: prev.contacts.map((c, i) => (i === index ? { ...c, [key]: value } : c)) }),
      `contacts.${index}.${key}`,
    );

  const tagsError = error('tags') ?? values.tags.map((_tag, i) => error(`tags.${i}`)).find(Boolean);
  const dateLabel = values.kind === 'company' ? t('customer.foundingDate') : t('customer.birthday');

  return (
    <Box
      component="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      sx={{ maxWidth: 1100, mx: 'auto' }}
    >
      <Stack spacing={2.5}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
            {original ? t('form.titleEdit', { name: original.name }) : t('form.titleNew')}
          </Typography>
          <Button onClick={() => (form.dirty ? setConfirmLeave(true) : leave())} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            disabled={saving}
            startIcon={saving ? <CircularProgress size={18} color="inherit" /> : undefined}
          >
            {saving ? t('common.saving') : t('common.save')}
          </Button>
        </Stack>

        {/* "Check the highlighted fields" only when one is: the core's reasons about fields this form
            does not show are listed below on their own. */}
        {failure && !(failure === FIELDS_REFUSED && form.otherErrors.length > 0 && !form.hasServerFieldErrors) ? (
          <Alert severity={failure.code === 'VALIDATION' ? 'warning' : 'error'} role="alert">
            {errorMessage(t, failure)}
          </Alert>
        ) : null}
        {form.otherErrors.map((message) => (
          <Alert key={message} severity="warning" role="alert">
            {message}
          </Alert>
        ))}

        <Section title={t('form.sectionBasics')}>
          <Stack spacing={2}>
            <FormControl>
              <FormLabel id="customer-kind-label">{t('customer.kind')}</FormLabel>
              <RadioGroup
                row
                aria-labelledby="customer-kind-label"
                name="kind"
                value={values.kind}
                onChange={(e) => setField('kind', e.target.value as CustomerValues['kind'])} // the radios below carry CUSTOMER_KINDS
              >
                {CUSTOMER_KINDS.map((k) => (
                  <FormControlLabel key={k} value={k} control={<Radio />} label={t(`customer.kinds.${k}`)} />
                ))}
              </RadioGroup>
            </FormControl>
            <Box sx={GRID_SX}>
              {text('name', t('customer.name'), { autoFocus: original === null, sx: { gridColumn: { sm: 'span 2' } } })}
              {suggest('industry', t('customer.industry'), facets.industries)}
              {suggest('region', t('customer.region'), facets.regions)}
              {text('source', t('customer.source'))}
            </Box>
          </Stack>
        </Section>

        <Section title={t('form.sectionContact')}>
          <Box sx={GRID_SX}>
            {text('phone', t('customer.phone'), { type: 'tel' })}
            {text('email', t('customer.email'), { type: 'email' })}
            {text('website', t('customer.website'))}
            {text('address', t('customer.address'), { sx: { gridColumn: '1 / -1' } })}
          </Box>
        </Section>

        <Section title={t('form.sectionClassification')}>
          <Box sx={GRID_SX}>
            <TextField
              select
              slotProps={NATIVE_SELECT}
              label={t('customer.grade')}
              name="grade"
              value={values.grade}
              onChange={(e) => setField('grade', e.target.value as CustomerValues['grade'])} // options are GRADES
            >
              {GRADES.map((g) => (
                <option key={g} value={g}>
                  {t(`customer.grades.${g}`)}
                </option>
              ))}
            </TextField>
            <TextField
              select
              slotProps={NATIVE_SELECT}
              label={t('customer.stage')}
              name="stage"
              value={values.stage}
              onChange={(e) => setField('stage', e.target.value as CustomerValues['stage'])} // options are STAGES
            >
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {t(`customer.stages.${s}`)}
                </option>
              ))}
            </TextField>
            <TextField
              select
              slotProps={NATIVE_SELECT}
              label={t('customer.size')}
              name="size"
              value={values.size ?? ''}
              onChange={(e) => setField('size', (e.target.value || null) as CustomerValues['size'])} // options are SIZES or ''
            >
              <option value="">{t('customer.sizeNone')}</option>
              {SIZES.map((s) => (
                <option key={s} value={s}>
                  {t(`customer.sizes.${s}`)}
                </option>
              ))}
            </TextField>
            <Autocomplete
              options={users}
              value={users.find((u) => u.id === values.ownerId) ?? null}
              onChange={(_e, user) => setField('ownerId', user?.id ?? null)}
              getOptionLabel={(u) => u.displayName || u.username}
              isOptionEqualToValue={(a, b) => a.id === b.id}
              noOptionsText={t('common.noOptions')}
              renderInput={(params) => (
                <TextField {...params} label={t('customer.owner')} name="ownerId" error={error('ownerId') !== undefined} helperText={error('ownerId')} />
              )}
            />
          </Box>
        </Section>

        <Section title={t('form.sectionOther')}>
          <Box sx={GRID_SX}>
            <TextField
              select
              slotProps={NATIVE_SELECT}
              label={t('customer.birthdayCalendar')}
              name="birthdayCalendar"
              value={values.birthdayCalendar}
              onChange={(e) => setField('birthdayCalendar', e.target.value as CustomerValues['birthdayCalendar'])} // options are CALENDARS
            >
              {CALENDARS.map((c) => (
                <option key={c} value={c}>
                  {t(`customer.calendars.${c}`)}
                </option>
              ))}
            </TextField>
            {/* The calendar first: a lunar date is entered as lunar month, day and (optional) year. */}
            {values.birthdayCalendar === 'lunar' ? (
              <Box role="group" aria-label={dateLabel} sx={{ display: 'contents' }}>
                <LunarDateFields value={values.birthday} onChange={(text) => setField('birthday', text)} error={error('birthday')} />
              </Box>
            ) : (
              text('birthday', dateLabel, { type: 'date', slotProps: { inputLabel: { shrink: true } } })
            )}
            <Autocomplete
              multiple
              freeSolo
              options={facets.tags}
              value={values.tags}
              onChange={(_e, tags) => setField('tags', [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))])}
              renderValue={(tags, getItemProps) =>
                tags.map((tag, index) => {
                  const { key, ...itemProps } = getItemProps({ index });
                  return <Chip key={key} label={tag} size="small" {...itemProps} />;
                })
              }
              renderInput={(params) => (
                <TextField
                  {...params}
                  label={t('customer.tags')}
                  name="tags"
                  error={tagsError !== undefined}
                  helperText={tagsError ?? t('form.tagsHelp')}
                />
              )}
              sx={{ gridColumn: { sm: 'span 2' } }}
            />
            {/* A long note scrolls inside its box (12 lines at most) instead of stretching the form. */}
            {text('notes', t('customer.notes'), { multiline: true, minRows: 3, maxRows: 12, sx: { gridColumn: '1 / -1' } })}
          </Box>
        </Section>

        <Section title={t('customer.contacts')}>
          <Stack spacing={2}>
            {values.contacts.length === 0 ? <Typography color="text.secondary">{t('contact.none')}</Typography> : null}
            {values.contacts.map((contact, index) => {
              const n = index + 1;
              const field = (key: 'name' | 'title' | 'phone' | 'mobile' | 'email' | 'wechat' | 'birthday', label: string, extra: Partial<React.ComponentProps<typeof TextField>> = {}) => {
                const problem = error(`contacts.${index}.${key}`);
                const isHidden = hidden.has(`contacts.${index}.${key}`);
                return (
                  <TextField
                    label={label}
                    name={`contacts.${index}.${key}`}
                    value={contact[key]}
                    onChange={(e) => setContact(index, key, e.target.value)}
                    error={problem !== undefined}
                    helperText={problem ?? (isHidden ? t('form.maskedHint') : undefined)}
                    disabled={isHidden}
                    size="small"
                    fullWidth
                    {...extra}
                  />
                );
              };
              return (
                <Box
                  key={contact.key}
                  component="fieldset"
                  sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2, m: 0 }}
                >
                  <Box component="legend" sx={{ px: 1, typography: 'subtitle2' }}>
                    {t('contact.legend', { n })}
                  </Box>
                  <Box sx={{ ...GRID_SX, gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))' }}>
                    {field('name', t('contact.name'))}
                    {field('title', t('contact.title'))}
                    {field('phone', t('contact.phone'), { type: 'tel' })}
                    {field('mobile', t('contact.mobile'), { type: 'tel' })}
                    {field('email', t('contact.email'), { type: 'email' })}
                    {field('wechat', t('contact.wechat'))}
                    {field('birthday', t('contact.birthday'), { type: 'date', slotProps: { inputLabel: { shrink: true } } })}
                    <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
                      <FormControlLabel
                        control={
                          <Checkbox checked={contact.decisionMaker} onChange={(e) => setContact(index, 'decisionMaker', e.target.checked)} />
                        }
                        label={t('contact.decisionMaker')}
                      />
                      <Tooltip title={t('contact.remove', { n })}>
                        <IconButton
                          aria-label={t('contact.remove', { n })}
                          onClick={() => update((prev) => ({ ...prev, contacts: prev.contacts.filter((_c, i) => i !== index) }))}
                        >
                          <DeleteIcon />
                        </IconButton>
                      </Tooltip>
                    </Stack>
                  </Box>
                </Box>
              );
            })}
            <Box>
              <Button startIcon={<AddIcon />} onClick={() => update((prev) => ({ ...prev, contacts: [...prev.contacts, emptyContact()] }))}>
                {t('contact.add')}
              </Button>
            </Box>
          </Stack>
        </Section>
      </Stack>

      <Dialog open={conflict} onClose={() => setConflict(false)} aria-labelledby="conflict-title">
        <DialogTitle id="conflict-title">{t('form.conflictTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('form.conflictBody')}</DialogContentText>
          <DialogContentText sx={{ mt: 1 }}>{t('form.conflictConfirmBody')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConflict(false)} autoFocus>
            {t('form.conflictKeep')}
          </Button>
          <Button color="warning" variant="contained" onClick={() => void reloadTheirs()}>
            {t('form.conflictReload')}
          </Button>
        </DialogActions>
      </Dialog>

      <Dialog open={confirmLeave} onClose={() => setConfirmLeave(false)} aria-labelledby="leave-title">
        <DialogTitle id="leave-title">{t('form.leaveTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('form.leaveBody')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmLeave(false)} autoFocus>
            {t('common.cancel')}
          </Button>
          <Button color="warning" onClick={leave}>
            {t('form.leaveConfirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
