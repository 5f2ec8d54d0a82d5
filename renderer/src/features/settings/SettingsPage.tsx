import { Alert, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../../shared/roles.ts';
import { hrefOf, type SettingsTab } from '../../app/router.ts';
import { useSession } from '../../app/session.tsx';
import { AccountTab } from './AccountTab.tsx';
import { BackupTab } from '../backup/BackupTab.tsx';
import { AuditTab } from './AuditTab.tsx';
import { SecurityTab } from './SecurityTab.tsx';
import { UsersTab } from './UsersTab.tsx';

/** Which permission opens each tab; the owner's tabs come first, "My account" is everyone's. */
const TABS: { tab: SettingsTab; permission?: Permission }[] = [
  { tab: 'users', permission: 'users.manage' },
  { tab: 'security', permission: 'settings.manage' },
  { tab: 'backup', permission: 'backup.manage' },
  { tab: 'audit', permission: 'audit.read' },
  { tab: 'account' },
];

export function SettingsPage({ tab }: { tab: SettingsTab | null }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const allowed = TABS.filter(({ permission }) => !permission || session.permissions.includes(permission)).map((entry) => entry.tab);
  const refused = tab !== null && !allowed.includes(tab);
  const current: SettingsTab = tab !== null && allowed.includes(tab) ? tab : (allowed[0] ?? 'account');

  return (
    <Stack spacing={2} sx={{ maxWidth: 1200, mx: 'auto' }}>
      <Typography variant="h5" component="h1">
        {t('settings.title')}
      </Typography>
      {allowed.length > 1 ? (
        <Tabs value={current} aria-label={t('settings.title')} variant="scrollable" sx={{ borderBottom: 1, borderColor: 'divider' }}>
          {allowed.map((name) => (
            <Tab key={name} value={name} label={t(`settings.tabs.${name}`)} component="a" href={hrefOf({ name: 'settings', tab: name })} />
          ))}
        </Tabs>
      ) : null}
      {refused ? <Alert severity="info">{t('settings.ownerOnly')}</Alert> : null}
      {current === 'users' ? <UsersTab /> : null}
      {current === 'security' ? <SecurityTab /> : null}
      {current === 'backup' ? <BackupTab /> : null}
      {current === 'audit' ? <AuditTab /> : null}
      {current === 'account' ? <AccountTab /> : null}
    </Stack>
  );
}
