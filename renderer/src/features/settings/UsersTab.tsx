import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  IconButton,
  Menu,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/api/users.ts';
import { isLastActiveOwner } from '../../../../shared/roles.ts';
import { errorMessage } from '../../app/errors.ts';
import { useCoreQuery } from '../../app/query.ts';
import { useSession } from '../../app/session.tsx';
import { formatShortDateTime } from '../../i18n/format.ts';
import { AddUserDialog, DeactivateDialog, RoleDialog, UserPasswordDialog } from './UserDialogs.tsx';

type Open = { kind: 'add' } | { kind: 'role' | 'reset' | 'deactivate' | 'reactivate'; user: User } | null;

export function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  if (!user.active) return <Chip size="small" label={t('users.status.deactivated')} />;
  if (user.mustChangePassword) return <Chip size="small" color="warning" variant="outlined" label={t('users.status.mustChange')} />;
  return <Chip size="small" color="success" variant="outlined" label={t('users.status.active')} />;
}

/** Settings → Users (owner): who may sign in, with which role. */
export function UsersTab() {
  const { t } = useTranslation();
  const { session } = useSession();
  const list = useCoreQuery('users.list', {});
  const users = list.data ?? null;
  const error = list.error;
  const [open, setOpen] = useState<Open>(null);
  const [menu, setMenu] = useState<{ anchor: HTMLElement; user: User } | null>(null);

  const lastOwner = menu !== null && users !== null && isLastActiveOwner(menu.user, users);

  // The dialogs' writes mark the list stale; it reloads itself.
  const done = () => setOpen(null);

  const action = (kind: 'role' | 'reset' | 'deactivate' | 'reactivate', label: string) =>
    menu ? (
      <MenuItem
        onClick={() => {
          setOpen({ kind, user: menu.user });
          setMenu(null);
        }}
      >
        {label}
      </MenuItem>
    ) : null;

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography sx={{ flex: 1 }} color="text.secondary">
          {t('users.intro')}
        </Typography>
        <Button variant="contained" startIcon={<PersonAddIcon />} onClick={() => setOpen({ kind: 'add' })}>
          {t('users.add')}
        </Button>
      </Stack>
      {error ? <Alert severity="error">{errorMessage(t, error)}</Alert> : null}
      <TableContainer component={Paper}>
        <Table size="small" aria-label={t('users.tableLabel')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('users.username')}</TableCell>
              <TableCell>{t('users.displayName')}</TableCell>
              <TableCell>{t('users.role')}</TableCell>
              <TableCell>{t('users.statusLabel')}</TableCell>
              <TableCell>{t('users.lastSignIn')}</TableCell>
              <TableCell align="right">
                <Box component="span" sx={{ position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' }}>
                  {t('users.actions')}
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {users === null && !error ? (
              <TableRow>
                <TableCell colSpan={6} align="center">
                  <CircularProgress size={24} aria-label={t('app.loading')} />
                </TableCell>
              </TableRow>
            ) : null}
            {(users ?? []).map((user) => (
              <TableRow key={user.id} data-user={user.username} sx={user.active ? undefined : { '& td': { color: 'text.disabled' } }}>
                <TableCell>
                  {user.username}
                  {user.id === session.user.id ? (
                    <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                      {t('users.you')}
                    </Typography>
                  ) : null}
                </TableCell>
                <TableCell>{user.displayName}</TableCell>
                <TableCell>{t(`roles.${user.role}`)}</TableCell>
                <TableCell>
                  <UserStatus user={user} />
                </TableCell>
                <TableCell>{user.lastSignInAt === null ? t('users.never') : formatShortDateTime(user.lastSignInAt)}</TableCell>
                <TableCell align="right" sx={{ py: 0 }}>
                  <IconButton aria-label={t('users.actionsFor', { name: user.username })} aria-haspopup="menu" onClick={(e) => setMenu({ anchor: e.currentTarget, user })}>
                    <MoreVertIcon />
                  </IconButton>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>

      <Menu anchorEl={menu?.anchor ?? null} open={menu !== null} onClose={() => setMenu(null)}>
        {menu?.user.active && !lastOwner ? action('role', t('users.changeRole')) : null}
        {menu?.user.active ? action('reset', t('users.resetPassword')) : null}
        {menu?.user.active && !lastOwner ? action('deactivate', t('users.deactivate')) : null}
        {/* The core refuses to leave the shop without an active owner: say why instead of offering it. */}
        {lastOwner ? (
          <MenuItem disabled sx={{ whiteSpace: 'normal', maxWidth: 320 }}>
            {t('users.lastOwnerNote')}
          </MenuItem>
        ) : null}
        {menu && !menu.user.active ? action('reactivate', t('users.reactivate')) : null}
      </Menu>

      <AddUserDialog open={open?.kind === 'add'} onClose={() => setOpen(null)} onDone={done} />
      {open?.kind === 'role' ? <RoleDialog user={open.user} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open?.kind === 'reset' || open?.kind === 'reactivate' ? (
        <UserPasswordDialog user={open.user} mode={open.kind} onClose={() => setOpen(null)} onDone={done} />
      ) : null}
      {open?.kind === 'deactivate' ? <DeactivateDialog user={open.user} onClose={() => setOpen(null)} onDone={done} /> : null}
    </Stack>
  );
}
