import { Alert } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors.ts';
import { usernameKey } from '../../../../shared/usernames.ts';
import { errorMessage } from '../../app/errors.ts';
import { attemptsLeft, lockedUntil } from './lockout.ts';

/**
 * What a failed sign-in says (wrong password with attempts left, a live lock-out countdown), shared
 * by the sign-in page and the lock screen so both answer the same way. A failure belongs to the
 * user name it was for (compared as the core compares names): typing another name shows nothing
 * of it and offers Sign in again, and going back to the locked name shows its countdown again.
 */
export function useSignInFailure(username: string) {
  const subject = usernameKey(username);
  const [failure, setFailure] = useState<{ error: AppError; subject: string } | null>(null);
  const [lockEnds, setLockEnds] = useState<ReadonlyMap<string, number | null>>(new Map());
  const [now, setNow] = useState(() => Date.now());
  const lockEnd = lockEnds.get(subject) ?? null;

  // Tick once a second while this name is locked out, so the countdown is live.
  useEffect(() => {
    if (lockEnd === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [lockEnd]);

  /** `forName`: the user name the attempt was made with (the field may have changed meanwhile). */
  const report = useCallback((error: AppError | null, forName: string) => {
    const key = usernameKey(forName);
    const at = Date.now();
    setFailure(error ? { error, subject: key } : null);
    setNow(at);
    setLockEnds((current) => {
      const next = new Map(current);
      if (error?.code === 'LOCKED_OUT') next.set(key, lockedUntil(error, at));
      else if (error !== null) next.delete(key);
      return next;
    });
  }, []);

  const shown = failure?.subject === subject ? failure.error : null;
  const remainingSeconds = lockEnd === null ? 0 : Math.max(0, Math.ceil((lockEnd - now) / 1000));
  return { failure: shown, report, lockEnd, remainingSeconds, locked: remainingSeconds > 0 };
}

type Props = { failure: AppError | null; lockEnd: number | null; remainingSeconds: number; badPasswordText?: string };

export function SignInFailure({ failure, lockEnd, remainingSeconds, badPasswordText }: Props) {
  const { t } = useTranslation();
  if (!failure) return null;
  if (failure.code === 'BAD_PASSWORD') {
    const left = attemptsLeft(failure);
    return (
      <Alert severity="error" role="alert">
        {badPasswordText ?? t('errors.BAD_PASSWORD')}
        {left !== null ? ` ${t('signin.attemptsLeft', { count: left })}` : ''}
      </Alert>
    );
  }
  if (failure.code === 'LOCKED_OUT') {
    let text = t('errors.LOCKED_OUT');
    if (lockEnd !== null) {
      if (remainingSeconds <= 0) text = t('signin.lockedDone');
      else if (remainingSeconds >= 60) text = t('signin.lockedMinutes', { count: Math.ceil(remainingSeconds / 60) });
      else text = t('signin.lockedSeconds', { count: remainingSeconds });
    }
    return (
      <Alert severity={remainingSeconds > 0 || lockEnd === null ? 'error' : 'info'} role="alert">
        {text}
      </Alert>
    );
  }
  return (
    <Alert severity="error" role="alert">
      {errorMessage(t, failure)}
    </Alert>
  );
}
