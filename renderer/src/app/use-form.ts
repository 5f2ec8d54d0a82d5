import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { issueMessage, validate, type FieldErrors } from './validation.ts';

/**
 * Form state validated as you type with the shared zod schema (the same one the core checks).
 * A field shows its problem once it was edited, or after a save attempt; problems the server
 * reported stay on their field until it is edited again.
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
  const [dirty, setDirty] = useState(false);

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
      const server = serverErrors[path];
      if (server) return issueMessage(t, server);
      const client = clientErrors[path];
      if (client && (revealAll || touched.has(path))) return issueMessage(t, client);
      return undefined;
    },
    [serverErrors, clientErrors, revealAll, touched, t],
  );

  const reset = useCallback((next: T) => {
    setValues(next);
    setTouched(new Set());
    setRevealAll(false);
    setServerErrors({});
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
      setRevealAll(true);
      return Object.keys(clientErrors).length === 0;
    },
    hasErrors: Object.keys(clientErrors).length > 0,
    setServerErrors,
    reset,
    dirty,
    markClean: () => setDirty(false),
  };
}
