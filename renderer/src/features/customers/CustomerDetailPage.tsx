import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreMutation, useCoreQuery } from '../../app/query.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { GradeChip, StageChip } from './CustomerChips.tsx';
import { ContactsSection, CustomerFacts, GradeHistorySection } from './CustomerSections.tsx';
import { AttachmentsSection } from '../attachments/AttachmentsSection.tsx';
import { CustomerContractsSection } from '../contracts/CustomerContractsSection.tsx';
import { CustomerSalesSection } from '../sales/CustomerSalesSection.tsx';
import { CustomerNeedsSection } from '../needs/CustomerNeedsSection.tsx';
import { CustomerCompetitorsSection } from '../competitors/CustomerCompetitorsSection.tsx';
import { CustomerEventsSection } from '../events/CustomerEventsSection.tsx';
import { CustomerLoyaltySection } from '../loyalty/CustomerLoyaltySection.tsx';
import { CustomerStoriesSection } from '../stories/CustomerStoriesSection.tsx';
import { PlanVisitButton } from '../visits/PlanVisitButton.tsx';
import { NewComplaintButton } from '../complaints/NewComplaintButton.tsx';
import { SurveyButton } from '../surveys/SurveyButton.tsx';
import { PrintProfileButton } from '../print/PrintButtons.tsx';
import { CareNoteButton } from '../care/CareNoteButton.tsx';
import { CustomerTimelineSection } from '../timeline/CustomerTimelineSection.tsx';

export function CustomerDetailPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const customer = useCoreQuery('customers.get', { id });

  if (customer.isPending) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', p: 6 }}>
        <CircularProgress aria-label={t('app.loading')} />
      </Box>
    );
  }
  if (customer.isError) {
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" onClick={() => navigate({ name: 'customers' })}>
            {t('detail.back')}
          </Button>
        }
      >
        {errorMessage(t, customer.error)}
      </Alert>
    );
  }
  return <CustomerDetail customer={customer.data} />;
}

function CustomerDetail({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation();
  const [confirmDelete, setConfirmDelete] = useState(false);

  return (
    <Stack spacing={2.5} sx={{ maxWidth: 1100, mx: 'auto' }}>
      <Box>
        <Button startIcon={<ArrowBackIcon />} href={hrefOf({ name: 'customers' })}>
          {t('detail.back')}
        </Button>
      </Box>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h4" component="h1" sx={{ overflowWrap: 'anywhere' }}>
          {c.name}
        </Typography>
        <GradeChip grade={c.grade} size="medium" />
        <StageChip stage={c.stage} />
        <Typography color="text.secondary">{c.code}</Typography>
        <Box sx={{ flex: 1 }} />
        <PlanVisitButton customer={c} />
        <NewComplaintButton customer={c} />
        <SurveyButton target={{ customer: { id: c.id, name: c.name, code: c.code } }} live={c.deletedAt === null} />
        <CareNoteButton customer={c} />
        <PrintProfileButton customerId={c.id} />
        {/* The core says what this caller may do with this customer (staff delete only their own). */}
        {c.actions.edit ? (
          <Button variant="contained" startIcon={<EditIcon />} onClick={() => navigate({ name: 'customerEdit', id: c.id })}>
            {t('common.edit')}
          </Button>
        ) : null}
        {c.actions.delete ? (
          <Button color="error" variant="outlined" startIcon={<DeleteIcon />} onClick={() => setConfirmDelete(true)}>
            {t('common.delete')}
          </Button>
        ) : null}
      </Stack>
      <CustomerFacts customer={c} />
      <ContactsSection customer={c} />
      <GradeHistorySection customer={c} />
      <CustomerContractsSection customer={c} />
      <CustomerSalesSection customer={c} />
      <CustomerNeedsSection customer={c} />
      <CustomerCompetitorsSection customer={c} />
      <CustomerEventsSection customer={c} />
      <CustomerLoyaltySection customer={c} />
      <CustomerStoriesSection customer={c} />
      <AttachmentsSection owner={{ kind: 'customer', id: c.id }} />
      {/* Last: it loads further pages as it scrolls into view, so nothing below it is pushed away. */}
      <CustomerTimelineSection customer={c} />
      {confirmDelete ? <DeleteDialog customer={c} onClose={() => setConfirmDelete(false)} /> : null}
    </Stack>
  );
}

/** Moves the customer to the recycle bin, with an undo in the notice. */
function DeleteDialog({ customer: c, onClose }: { customer: Customer; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const remove = useCoreMutation('customers.delete');

  const undo = () =>
    call('customers.restore', { id: c.id }).then(
      () => {
        dataChanged();
        notify({ message: t('detail.restored', { name: c.name }) });
      },
      (error: AppFailure) => notify({ message: errorMessage(t, error), severity: 'error' }),
    );

  const confirm = () =>
    remove.mutate(
      { id: c.id, version: c.version },
      {
        onSuccess: () => {
          navigate({ name: 'customers' });
          notify({ message: t('detail.deleted', { name: c.name }), action: { label: t('common.undo'), onClick: () => void undo() } });
        },
      },
    );

  return (
    <Dialog open onClose={onClose} aria-labelledby="delete-title">
      <DialogTitle id="delete-title">{t('detail.deleteTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('detail.deleteBody', { name: c.name })}</DialogContentText>
        {remove.error ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {/* Staff may delete only the customers they created: say so rather than "no permission". */}
            {remove.error.code === 'FORBIDDEN' ? t('detail.deleteForbidden') : errorMessage(t, remove.error)}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {t('common.cancel')}
        </Button>
        <Button color="error" variant="contained" onClick={confirm} disabled={remove.isPending}>
          {t('common.delete')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
