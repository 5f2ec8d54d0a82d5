import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ContractDraft, type Contract } from '../../../../shared/api/contracts.ts';
import { detailsOf } from '../../../../shared/error-details.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import { EditFormPage } from '../../app/EditFormPage.tsx';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { useEditFormSave } from '../../app/use-edit-form-save.ts';
import { useForm } from '../../app/use-form.ts';
import { useUsers } from '../customers/use-users.ts';
import { amountErrors, draftFromValues, mergeOverTheirs, valuesFromContract, type ContractValues } from './contract-draft.ts';
import { ContractFormFields } from './ContractFormFields.tsx';

type Props = {
  /** The contract as the core had it when editing began (null: a new one). */
  original: Contract | null;
  initial: ContractValues;
  customerFixed: boolean;
  /** The core's current version, after a conflict. */
  reload?: () => Promise<Contract | null>;
};

/** One form for creating and editing a contract. */
export function ContractForm({ original: loaded, initial, customerFixed, reload }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const allUsers = useUsers();
  const form = useForm<ContractValues>(ContractDraft, initial, amountErrors);
  const { values } = form;
  const [takenNumber, setTakenNumber] = useState<string | null>(null);
  const numberRef = useRef<HTMLInputElement>(null);

  const save = useEditFormSave({
    form,
    loaded,
    send: (original) => {
      const draft = draftFromValues(values);
      return original ? call('contracts.update', { ...draft, id: original.id, version: original.version }) : call('contracts.create', draft);
    },
    onSaved: (saved, original) => {
      dataChanged(); // the list, its summary, the nav badge, the customer's page, the audit log
      notify({ message: t(original ? 'contractForm.saved' : 'contractForm.created', { number: saved.number }) });
      navigate({ name: 'contract', id: saved.id }, { replace: true });
    },
    onRefused: (error) => {
      const taken = detailsOf(error, 'CONFLICT');
      if (!taken || !('reason' in taken) || taken.reason !== 'number') return false;
      // Said on the number field (the one to change), which takes the focus.
      setTakenNumber(taken.number);
      numberRef.current?.focus();
      return true;
    },
    reload,
    valuesOf: valuesFromContract,
    merge: mergeOverTheirs,
    reloadedKept: t('contractForm.reloadedKept'),
  });
  const { original } = save;

  // Who may be made responsible: active users whose role can own customers, and whoever already is.
  const users = allUsers.filter((u) => (u.active && canOwnCustomers(u.role)) || u.id === original?.ownerId);

  const leave = () => {
    if (original) navigate({ name: 'contract', id: original.id });
    else if (customerFixed && values.customerId) navigate({ name: 'customer', id: values.customerId });
    else navigate({ name: 'contracts' });
  };

  return (
    <EditFormPage
      title={original ? t('contractForm.titleEdit', { number: original.number }) : t('contractForm.titleNew')}
      form={form}
      save={save}
      onLeave={leave}
      idPrefix="contract"
      conflictTexts={{ title: t('contractForm.conflictTitle'), body: t('contractForm.conflictBody'), reload: t('contractForm.conflictReload') }}
      fieldFlagged={takenNumber !== null}
    >
      <ContractFormFields
        form={form}
        users={users}
        customerFixed={customerFixed}
        takenNumber={takenNumber}
        onNumberEdited={() => setTakenNumber(null)}
        numberRef={numberRef}
        isNew={original === null}
      />
    </EditFormPage>
  );
}
