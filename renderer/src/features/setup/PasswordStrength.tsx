import { Box, LinearProgress, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Checker = { check: (password: string) => { score: number } };

// The dictionaries are large: load them only when someone is choosing a password.
let checkerPromise: Promise<Checker> | null = null;
function loadChecker(): Promise<Checker> {
  checkerPromise ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) =>
      new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }),
  );
  return checkerPromise;
}

const COLORS = ['error', 'error', 'warning', 'success', 'success'] as const;

/**
 * `refused`: the password breaks a rule the core enforces (it contains the user name, the core
 * refused it): never rate such a password strong.
 */
export function PasswordStrength({ password, refused = false }: { password: string; refused?: boolean }) {
  const { t } = useTranslation();
  const [score, setScore] = useState<number | null>(null);

  useEffect(() => {
    if (!password) {
      setScore(null);
      return;
    }
    let cancelled = false;
    void loadChecker().then((checker) => {
      if (!cancelled) setScore(checker.check(password).score);
    });
    return () => {
      cancelled = true;
    };
  }, [password]);

  const shown = refused ? 0 : (score ?? 0);
  // A refused password says so at once, not "—" while the strength library is still loading.
  const rating = refused && password !== '' ? t('setup.strengthRefused') : score === null ? t('common.none') : t(`setup.strength.${shown}`);
  const label = `${t('setup.strengthLabel')}: ${rating}`;
  return (
    <Box>
      <LinearProgress
        variant="determinate"
        value={score === null ? 0 : (shown + 1) * 20}
        color={COLORS[shown] ?? 'error'}
        aria-label={t('setup.strengthLabel')}
        sx={{ height: 6, borderRadius: 3 }}
      />
      <Typography variant="caption" color="text.secondary" data-testid="password-strength">
        {label}
      </Typography>
    </Box>
  );
}
