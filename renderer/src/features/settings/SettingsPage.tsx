import { Alert, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { settingsTabs } from '../../app/area.ts';
import { hrefOf } from '../../app/router.ts';
import { useSession } from '../../app/session.tsx';

/** The tabs come from the areas (app/area.ts `settingsTabs`), in their order, each behind its permission. */
export function SettingsPage({ tab }: { tab: string | null }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const allowed = settingsTabs().filter(({ permission }) => !permission || session.permissions.includes(permission));
  const refused = tab !== null && !allowed.some((entry) => entry.id === tab);
  const current = allowed.find((entry) => entry.id === tab) ?? allowed[0];

  return (
    <Stack spacing={2} sx={{ maxWidth: 1200, mx: 'auto' }}>
      <Typography variant="h5" component="h1">
        {t('settings.title')}
      </Typography>
      {allowed.length > 1 ? (
        <Tabs value={current?.id ?? false} aria-label={t('settings.title')} variant="scrollable" sx={{ borderBottom: 1, borderColor: 'divider' }}>
          {allowed.map(({ id, labelKey }) => (
            <Tab key={id} value={id} label={t(labelKey)} component="a" href={hrefOf({ name: 'settings', tab: id })} />
          ))}
        </Tabs>
      ) : null}
      {refused ? <Alert severity="info">{t('settings.ownerOnly')}</Alert> : null}
      {current ? <current.Component key={current.id} /> : null}
    </Stack>
  );
}
