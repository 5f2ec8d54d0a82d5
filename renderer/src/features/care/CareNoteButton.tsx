import { Button } from '@mui/material';
import CardGiftcardIcon from '@mui/icons-material/CardGiftcard';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import { localDay } from '../../../../shared/contract-status.ts';
import { useCan } from '../../app/session.tsx';
import { CareNoteDialog } from './CareNoteDialog.tsx';

/** "Care note" on the customer page: for any occasion (a holiday gift, a call), today by default. */
export function CareNoteButton({ customer: c }: { customer: Pick<Customer, 'id' | 'name' | 'kind' | 'deletedAt'> }) {
  const { t } = useTranslation();
  const canWrite = useCan('customers.write');
  const [open, setOpen] = useState(false);
  if (!canWrite || c.deletedAt !== null) return null;
  return (
    <>
      <Button variant="outlined" startIcon={<CardGiftcardIcon />} onClick={() => setOpen(true)}>
        {t('care.noteButton')}
      </Button>
      {open ? (
        <CareNoteDialog
          choose
          occasion={{ customerId: c.id, customerName: c.name, contactId: null, contactName: null, contractId: null, occasion: 'other', onDay: localDay(Date.now()) }}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}
