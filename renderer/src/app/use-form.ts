import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AppError } from '../../../shared/errors.ts';
import { issueMessage, serverFieldErrors, validate, type FieldErrors } from './validation.ts';

/** The first field showing a problem, in page order (MUI marks it aria-invalid). */
export function focusFirstInvalid(root: ParentNode): void {
  const field = root.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!field) return;
  field.focus();
  field.scrollIntoView?.({ block: 'nearest' });
}

/**
 * Form state validated as you type with the shared zod schema (the same one the core checks).
 * A field shows its problem once it was edited, or after a save attempt; problems the server
 * reported stay on their field until it is edited again. After a refused save, focus moves to the
 * first field with a problem.
 */
export function useForm<T>(
  schema: z.ZodType,
  initial: T | (() => T),
  extraChecks?: (values: T) => FieldErrors,
  /** Fields not checked here (masked values the core keeps as stored when sent back unchanged). */
  skipPaths?: (values: T) => ReadonlySet<string>,
) {
  const { t } = useTranslation();
  const [values, setValues] = useState<T>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [revealAll, setRevealAll] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [otherErrors, setOtherErrors] = useState<FieldErrors>({});
  const [dirty, setDirty] = useState(false);
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

  const clientErrors = useMemo(() => {
    const all: FieldErrors = { ...(extraChecks ? extraChecks(values) : {}), ...validate(schema, values) };
    if (skipPaths) for (const path of skipPaths(values)) delete all[path];
    return all;
  }, [schema, values, extraChecks, skipPaths]);

  const touch = useCallback((...paths: string[]) => {
    setTouched((prev) => new Set([...prev, ...paths]));
    setServerErrors((prev) => {
      if (!paths.some((p) => p in prev)) return prev;
      const next = { ...prev };
      for (const p of paths) delete next[p];
      return next;
    });
  }, []);

  /** Sets one top-level field and marks it edited. */
  const setField = useCallback(
    <K extends keyof T & string>(key: K, value: T[K]) => {
      setValues((prev) => ({ ...prev, [key]: value }));
      setDirty(true);
      touch(key);
    },
    [touch],
  );

  /** Any change that is not a single top-level field (list rows); `paths` are the edited fields. */
  const update = useCallback(
    (producer: (prev: T) => T, ...paths: string[]) => {
      setValues(producer);
      setDirty(true);
      touch(...paths);
    },
    [touch],
  );

  const error = useCallback(
    (path: string): string | undefined => {
      shownPaths.current.add(path);
      const server = serverErrors[path];
      if (server) return issueMessage(t, server);
      const client = clientErrors[path];
      if (client && (revealAll || touched.has(path))) return issueMessage(t, client);
      return undefined;
    },
    [serverErrors, clientErrors, revealAll, touched, t],
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

  const reset = useCallback((next: T) => {
    setValues(next);
    setTouched(new Set());
    setRevealAll(false);
    setServerErrors({});
    setOtherErrors({});
    setDirty(false);
  }, []);

  return {
    values,
    setField,
    update,
    touch,
    error,
    /** Call on a save attempt: shows every problem; returns true when the form may be sent. */
    check: () => {
      formRoot.current = document.activeElement?.closest('form, [role="dialog"]') ?? formRoot.current;
      setRevealAll(true);
      setOtherErrors({});
      const ok = Object.keys(clientErrors).length === 0;
      if (!ok) setFocusRequest((n) => n + 1);
      return ok;
    },
    hasErrors: Object.keys(clientErrors).length > 0,
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
    dirty,
    markClean: () => setDirty(false),
  };
}

/** What useForm gives a page, for the components a form is split into. */
export type Form<T> = ReturnType<typeof useForm<T>>;
