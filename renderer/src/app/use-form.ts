import { useCallback, useEffect, useRef, useState } from 'react';
import { get, set, useForm as useHookForm, type FieldError, type FieldValues, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AppError } from '../../../shared/errors.ts';
import { issueMessage, serverFieldErrors, validate, type FieldErrors, type IssueLike } from './validation.ts';

/** The first field showing a problem, in page order (MUI marks it aria-invalid). */
export function focusFirstInvalid(root: ParentNode): void {
  const field = root.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!field) return;
  field.focus();
  field.scrollIntoView?.({ block: 'nearest' });
}

type Issued = FieldError & { issue?: IssueLike };

/** RHF's nested errors → the paths that hold one (`contacts.0.email`). */
function errorPaths(errors: object, prefix = ''): string[] {
  return Object.entries(errors).flatMap(([key, value]: [string, unknown]) => {
    if (typeof value !== 'object' || value === null) return [];
    const path = prefix ? `${prefix}.${key}` : key;
    return 'issue' in value ? [path] : errorPaths(value, path);
  });
}

/**
 * A form on react-hook-form, validated as you type by the contract's zod schema (the same one the
 * core checks) through a resolver. React Hook Form holds the values, what changed (dirty) and the
 * problems; this adds what the app's forms share: a field shows its problem once it was edited, or
 * after a save attempt; problems the core reported stay on their field until it is edited again,
 * and those on fields the form does not show are said elsewhere; after a refused save, focus moves
 * to the first field with a problem.
 */
export function useForm<T>(
  schema: z.ZodType,
  initial: T | (() => T),
  extraChecks?: (values: T) => FieldErrors,
  /** Fields not checked here (masked values the core keeps as stored when sent back unchanged). */
  skipPaths?: (values: T) => ReadonlySet<string>,
) {
  const { t } = useTranslation();
  const [defaults] = useState<T>(initial);
  // The checks may change with the record edited (masked values, a stored lunar date): the resolver reads the latest.
  const checks = useRef({ schema, extraChecks, skipPaths });
  checks.current = { schema, extraChecks, skipPaths };
  const clientErrorsOf = useCallback((values: T): FieldErrors => {
    const { schema: current, extraChecks: extra, skipPaths: skip } = checks.current;
    const all: FieldErrors = { ...(extra ? extra(values) : {}), ...validate(current, values) };
    if (skip) for (const path of skip(values)) delete all[path];
    return all;
  }, []);
  const resolver = useCallback<Resolver<FieldValues>>(
    (values) => {
      const errors = clientErrorsOf(values as T); // the form's own values
      if (Object.keys(errors).length === 0) return { values, errors: {} };
      const nested: FieldValues = {};
      for (const [path, issue] of Object.entries(errors)) set(nested, path || 'root', { type: issue.code ?? 'custom', message: issue.message, issue });
      return { values: {}, errors: nested };
    },
    [clientErrorsOf],
  );
  const hook = useHookForm<FieldValues>({ defaultValues: defaults as FieldValues, mode: 'onChange', resolver }); // T is the form's plain-object values
  const values = hook.watch() as T; // every value, re-rendering on each change, as the pages read them
  const { errors: hookErrors, isDirty } = hook.formState;

  // Edited fields, and whether a save was tried: which of the schema's problems are shown.
  const touched = useRef(new Set<string>());
  const revealAll = useRef(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [otherErrors, setOtherErrors] = useState<FieldErrors>({});
  // Which fields this form shows (every field asks for its error while rendering): a problem the
  // core reports on any other path still needs a visible place.
  const shownPaths = useRef(new Set<string>());
  // The form being saved, found from the focused Save button or field when the save starts (the
  // button is disabled, and so loses focus, while the call runs).
  const formRoot = useRef<ParentNode | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);

  useEffect(() => {
    if (focusRequest > 0) focusFirstInvalid(formRoot.current ?? document);
  }, [focusRequest]);

  /** Checks what is shown: every field after a save attempt, else the edited ones (and any showing a problem). */
  const recheck = useCallback(() => {
    if (revealAll.current) return hook.trigger();
    return hook.trigger([...new Set([...touched.current, ...errorPaths(hook.formState.errors)])]);
  }, [hook]);

  const touch = useCallback(
    (...paths: string[]) => {
      for (const path of paths) touched.current.add(path);
      setServerErrors((prev) => {
        if (!paths.some((p) => p in prev)) return prev;
        const next = { ...prev };
        for (const p of paths) delete next[p];
        return next;
      });
      void recheck();
    },
    [recheck],
  );

  /** Sets one top-level field and marks it edited. */
  const setField = useCallback(
    <K extends keyof T & string>(key: K, value: T[K]) => {
      hook.setValue(key as string, value, { shouldDirty: true });
      touch(key);
    },
    [hook, touch],
  );

  /** Any change that is not a single top-level field (list rows); `paths` are the edited fields. */
  const update = useCallback(
    (producer: (prev: T) => T, ...paths: string[]) => {
      const prev = hook.getValues() as T;
      const next = producer(prev);
      for (const key of Object.keys(next as object) as (keyof T & string)[]) {
        if (next[key] !== prev[key]) hook.setValue(key as string, next[key], { shouldDirty: true });
      }
      touch(...paths);
    },
    [hook, touch],
  );

  const error = useCallback(
    (path: string): string | undefined => {
      shownPaths.current.add(path);
      const server = serverErrors[path];
      if (server) return issueMessage(t, server);
      const issue = (get(hookErrors, path) as Issued | undefined)?.issue;
      return issue ? issueMessage(t, issue) : undefined;
    },
    [serverErrors, hookErrors, t],
  );

  /** Server problems by field; the ones on a path this form does not show go to `otherErrors`. */
  const placeServerErrors = useCallback((errors: FieldErrors) => {
    const onFields: FieldErrors = {};
    const elsewhere: FieldErrors = {};
    for (const [path, issue] of Object.entries(errors)) (shownPaths.current.has(path) ? onFields : elsewhere)[path] = issue;
    setServerErrors(onFields);
    setOtherErrors(elsewhere);
    if (Object.keys(errors).length > 0) setFocusRequest((n) => n + 1);
  }, []);

  const reset = useCallback(
    (next: T) => {
      hook.reset(next as FieldValues);
      touched.current = new Set();
      revealAll.current = false;
      setServerErrors({});
      setOtherErrors({});
    },
    [hook],
  );

  return {
    values,
    setField,
    update,
    touch,
    error,
    /** Call on a save attempt: shows every problem; returns true when the form may be sent. */
    check: () => {
      formRoot.current = document.activeElement?.closest('form, [role="dialog"]') ?? formRoot.current;
      revealAll.current = true;
      setOtherErrors({});
      const ok = Object.keys(clientErrorsOf(hook.getValues() as T)).length === 0;
      // Focus once the problems are on their fields.
      void hook.trigger().then(() => {
        if (!ok) setFocusRequest((n) => n + 1);
      });
      return ok;
    },
    setServerErrors: placeServerErrors,
    /**
     * A refused save: puts every problem the error names onto its field (or into `otherErrors`).
     * Returns true when the error named any, so the form need not show the error itself as well.
     */
    applyFailure: (failure: AppError): boolean => {
      const errors = serverFieldErrors(failure);
      placeServerErrors(errors);
      return Object.keys(errors).length > 0;
    },
    /** Problems the core reported on fields this form does not show, in the user's language. */
    otherErrors: Object.values(otherErrors).map((issue) => issueMessage(t, issue)),
    /** Whether a problem the core reported sits on a field of this form (is highlighted). */
    hasServerFieldErrors: Object.keys(serverErrors).length > 0,
    reset,
    dirty: isDirty,
    /** After a save: what is on screen is what is stored. */
    markClean: () => hook.reset(hook.getValues()),
  };
}

/** What useForm gives a page, for the components a form is split into. */
export type Form<T> = ReturnType<typeof useForm<T>>;
