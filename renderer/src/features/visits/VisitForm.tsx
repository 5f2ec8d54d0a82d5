import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { VisitDraft, type Visit } from '../../../../shared/api/visits.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import { EditFormPage } from '../../app/EditFormPage.tsx';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreQuery } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { useEditFormSave } from '../../app/use-edit-form-save.ts';
import { useForm } from '../../app/use-form.ts';
import type { CustomerOption } from '../customers/CustomerPicker.tsx';
import { useUsers } from '../customers/use-users.ts';
import { useOverlapText } from './use-visit-changes.ts';
import { draftFromValues, mergeOverTheirs, valuesFromVisit, type VisitValues } from './visit-draft.ts';
import { VisitFormFields } from './VisitFormFields.tsx';

type Props = {
  /** The visit as the core had it when editing began (null: a new one). */
  original: Visit | null;
  initial: VisitValues;
  customerFixed: boolean;
  /** The core's current version, after a conflict. */
  reload?: () => Promise<Visit | null>;
};

/** One form for planning and editing a visit. */
export function VisitForm({ original: loaded, initial, customerFixed, reload }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const overlapText = useOverlapText();
  const allUsers = useUsers();
  const form = useForm<VisitValues>(VisitDraft, initial);
  const { values, update } = form;

  // The chosen customer's contacts and address.
  const customer = useCoreQuery('customers.get', { id: values.customerId ?? 0 }, { enabled: values.customerId !== null });
  // The customer whose address goes into the address field once loaded (a customer just chosen
  // while the field was empty or still held the previous customer's address).
  const fillAddressOf = useRef<number | null>(null);
  const lastAddress = useRef<string | null>(null);
  useEffect(() => {
    if (customer.data) lastAddress.current ??= customer.data.address;
    if (!customer.data || fillAddressOf.current !== customer.data.id) return;
    fillAddressOf.current = null;
    lastAddress.current = customer.data.address;
    update((prev) => ({ ...prev, address: customer.data.address }));
  }, [customer.data, update]);

  const onCustomer = (next: CustomerOption | null) => {
    const keepTyped = values.address !== '' && values.address !== lastAddress.current;
    fillAddressOf.current = next && !keepTyped ? next.id : null;
    form.update((prev) => ({ ...prev, customer: next, customerId: next?.id ?? null, contactId: null }), 'customerId', 'contactId');
  };

  const save = useEditFormSave({
    form,
    loaded,
    send: (original) => {
      const draft = draftFromValues(values);
      return original ? call('visits.update', { ...draft, id: original.id, version: original.version }) : call('visits.create', draft);
    },
    onSaved: (change, original) => {
      dataChanged(); // the agenda, the customer's timeline, the audit log
      const saved = t(original ? 'visitForm.saved' : 'visitForm.created', { name: change.visit.customerName });
      const warning = overlapText(change.visit.staffName, change.overlaps);
      // Overlaps are a warning, never a refusal: saved, and said so where the visit is shown.
      notify(warning ? { message: t('visits.withWarning', { done: saved, warning }), severity: 'warning' } : { message: saved });
      navigate({ name: 'visit', id: change.visit.id }, { replace: true });
    },
    reload,
    valuesOf: valuesFromVisit,
    merge: mergeOverTheirs,
    reloadedKept: t('visitForm.reloadedKept'),
  });
  const { original } = save;

  // Who may go: active users who can be responsible for customers, and whoever already goes.
  const staff = allUsers.filter((u) => (u.active && canOwnCustomers(u.role)) || u.id === original?.staffId).map((u) => ({ id: u.id, name: u.displayName || u.username }));

  const leave = () => {
    if (original) navigate({ name: 'visit', id: original.id });
    else if (customerFixed && values.customerId) navigate({ name: 'customer', id: values.customerId });
    else navigate({ name: 'visits' });
  };

  return (
    <EditFormPage
      title={original ? t('visitForm.titleEdit', { name: original.customerName }) : t('visitForm.titleNew')}
      form={form}
      save={save}
      onLeave={leave}
      idPrefix="visit"
      conflictTexts={{ title: t('visitForm.conflictTitle'), body: t('visitForm.conflictBody'), reload: t('visitForm.conflictReload') }}
    >
      <VisitFormFields form={form} contacts={customer.data?.contacts ?? []} staff={staff} customerFixed={customerFixed} onCustomer={onCustomer} />
    </EditFormPage>
  );
}
