import { useState } from 'react';
import type { AppError } from '../../../shared/errors.ts';
import { useNotify } from './notify.tsx';
import type { Form } from './use-form.ts';

/** The banner's error when the fields show what is wrong. */
export const FIELDS_REFUSED: AppError = { code: 'VALIDATION', message: 'form: invalid fields' };

type Options<V, T, S> = {
  form: Form<V>;
  /** The stored version editing began from (null: a new one). */
  loaded: T | null;
  /** Sends the form as a create (`original` null) or an update of `original`; throws the core's error. */
  send: (original: T | null) => Promise<S>;
  /** After a save, the form clean: refresh, say so, go to what was saved. */
  onSaved: (saved: S, original: T | null) => void;
  /** A refusal the page says on a field of its own (a contract's taken number): true when it did. */
  onRefused?: (error: AppError) => boolean;
  /** The core's current version, after a conflict. */
  reload?: () => Promise<T | null>;
  /** A stored version as form values, to see what was typed since it was loaded. */
  valuesOf: (stored: T) => V;
  /** Their values underneath, what was typed on top; `kept` are the fields typed. */
  merge: (base: V, mine: V, theirs: V) => { values: V; kept: (keyof V & string)[] };
  /** Said once theirs is loaded with the typed fields kept. */
  reloadedKept: string;
};

/**
 * The save of an edit form page (contracts, records, visits): check here first, send, and on a
 * version conflict let the user reload theirs keeping what was typed, so an edit never overwrites
 * someone else's change unseen and nothing typed is lost.
 */
export function useEditFormSave<V, T, S>({ form, loaded, send, onSaved, onRefused, reload, valuesOf, merge, reloadedKept }: Options<V, T, S>) {
  const notify = useNotify();
  // The version being edited: replaced by theirs when a conflict is resolved.
  const [original, setOriginal] = useState(loaded);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [conflict, setConflict] = useState(false);

  const save = async () => {
    setFailure(null);
    if (!form.check()) {
      setFailure(FIELDS_REFUSED);
      return;
    }
    setSaving(true);
    try {
      const saved = await send(original);
      form.markClean(); // before leaving the page, so leaving does not ask about unsaved changes
      onSaved(saved, original);
    } catch (caught) {
      const error = caught as AppError; // call() throws the core's error value
      if (onRefused?.(error)) setFailure(FIELDS_REFUSED);
      // Someone saved this one meanwhile: never overwrite it unseen (a new one has no version to miss).
      else if (error.code === 'CONFLICT' && original) setConflict(true);
      else setFailure(form.applyFailure(error) ? FIELDS_REFUSED : error);
    } finally {
      setSaving(false);
    }
  };

  // Their version underneath, what was typed on top: nothing typed is lost, and the next save
  // goes onto the version now stored.
  const reloadKeepingEdits = async () => {
    setConflict(false);
    setFailure(null);
    const theirs = await reload?.().catch((error: AppError) => {
      setFailure(error);
      return null;
    });
    if (!theirs || !original) return;
    const { values: merged, kept } = merge(valuesOf(original), form.values, valuesOf(theirs));
    setOriginal(theirs);
    form.update(() => merged, ...kept);
    notify({ message: reloadedKept, severity: 'info' });
  };

  return { original, saving, failure, conflict, save, reloadKeepingEdits, closeConflict: () => setConflict(false) };
}

/** What useEditFormSave gives a page, for EditFormPage. */
export type EditFormSave = Pick<ReturnType<typeof useEditFormSave>, 'saving' | 'failure' | 'conflict' | 'save' | 'reloadKeepingEdits' | 'closeConflict'>;
