import { useTranslation } from 'react-i18next';
import { RecordDraft, type RecordDetail } from '../../../../shared/api/records.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import { EditFormPage } from '../../app/EditFormPage.tsx';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { useEditFormSave } from '../../app/use-edit-form-save.ts';
import { useForm } from '../../app/use-form.ts';
import { useUsers } from '../customers/use-users.ts';
import { draftFromValues, mergeOverTheirs, updateFromValues, valuesFromRecord, type RecordValues } from './record-draft.ts';
import { RecordFormFields } from './RecordFormFields.tsx';

type Props = {
  /** The record as the core had it when editing began (null: a new one). */
  original: RecordDetail | null;
  initial: RecordValues;
  customerFixed: boolean;
  /** Where Cancel goes for a new record: the customer's page it was opened from, else the list. */
  backToCustomer: boolean;
  /** The core's current version, after a conflict. */
  reload?: () => Promise<RecordDetail | null>;
};

/** One form for creating and editing a service record or a communication. */
export function RecordForm({ original: loaded, initial, customerFixed, backToCustomer, reload }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const allUsers = useUsers();
  const form = useForm<RecordValues>(RecordDraft, initial);
  const { values } = form;

  const save = useEditFormSave({
    form,
    loaded,
    send: (original) => (original ? call('records.update', updateFromValues(values, original.id, original.version)) : call('records.create', draftFromValues(values))),
    onSaved: (saved, original) => {
      dataChanged(); // the lists, the customer's timeline, follow-ups, the audit log
      notify({ message: t(original ? 'recordForm.saved' : 'recordForm.created') });
      navigate({ name: 'record', id: saved.id }, { replace: true });
    },
    reload,
    valuesOf: valuesFromRecord,
    merge: mergeOverTheirs,
    reloadedKept: t('recordForm.reloadedKept'),
  });
  const { original } = save;

  // Who may be named: active users whose role serves customers, and whoever already is (the core
  // refuses an inactive one as a new choice).
  const users = allUsers.filter((u) => (u.active && canOwnCustomers(u.role)) || u.id === original?.staffId);

  const leave = () => {
    if (original) navigate({ name: 'record', id: original.id });
    else if (backToCustomer && values.customerId) navigate({ name: 'customer', id: values.customerId });
    else navigate({ name: 'service' });
  };

  return (
    <EditFormPage
      title={original ? t(`recordForm.titleEdit.${values.kind}`) : t(`recordForm.titleNew.${values.kind}`)}
      form={form}
      save={save}
      onLeave={leave}
      idPrefix="record"
      conflictTexts={{ title: t('recordForm.conflictTitle'), body: t('recordForm.conflictBody'), reload: t('recordForm.conflictReload') }}
    >
      <RecordFormFields form={form} users={users} customerFixed={customerFixed} />
    </EditFormPage>
  );
}
