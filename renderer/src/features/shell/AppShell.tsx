import {
  AppBar,
  Box,
  Button,
  Chip,
  Divider,
  Drawer,
  IconButton,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Menu,
  MenuItem,
  Toolbar,
  Typography,
  useMediaQuery,
} from '@mui/material';
import { useTheme } from '@mui/material/styles';
import AccountCircleIcon from '@mui/icons-material/AccountCircle';
import KeyIcon from '@mui/icons-material/Key';
import LockIcon from '@mui/icons-material/Lock';
import LogoutIcon from '@mui/icons-material/Logout';
import SwitchAccountIcon from '@mui/icons-material/SwitchAccount';
import MenuIcon from '@mui/icons-material/Menu';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { backgroundComponents, banners, navEntries, toolbarItems, type NavBadge, type ToolbarItem } from '../../app/area.ts';
import { useSession } from '../../app/session.tsx';
import { hrefOf, navOf, renderRoute, routeIsBare, routePermission, useRoute, type Route } from '../../app/router.ts';
import type { Permission } from '../../../../shared/roles.ts';
import { ChangePasswordDialog } from '../account/ChangePasswordDialog.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

const DRAWER_WIDTH = 220;
const PAGE_PADDING = { xs: 1.5, sm: 3 } as const;

/** One clear state for an address the user cannot use, never a form or list the core would refuse. */
function Refusal({ messageKey, testId }: { messageKey: 'shell.noPermission' | 'shell.notFound'; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ p: 4, textAlign: 'center' }} data-testid={testId}>
      <Typography variant="h6" component="h1">
        {t(messageKey)}
      </Typography>
      {/* Home (`#/`) is Today; the way out of a refusal says where it leads: the customer list. */}
      <Button sx={{ mt: 2 }} href={hrefOf({ name: 'customers' })}>
        {t('shell.goToCustomers')}
      </Button>
    </Box>
  );
}

function Page({ route }: { route: Route }) {
  const { session } = useSession();
  if (route.name === 'notFound') return <Refusal messageKey="shell.notFound" />;
  const needed = routePermission(route);
  // Reached by address without the permission: the shell's one "no permission" page.
  if (needed && !session.permissions.includes(needed)) return <Refusal messageKey="shell.noPermission" testId="no-permission" />;
  return renderRoute(route);
}

/** The count on a navigation entry; its own component, so each entry's hook runs on every render. */
function NavCount({ badge: { useCount, labelKey, urgent } }: { badge: NavBadge }) {
  const { t } = useTranslation();
  const count = useCount();
  if (!count) return null;
  return (
    <>
      <Chip size="small" color="warning" label={count > 99 ? '99+' : count} aria-label={t(labelKey, { count })} data-testid="nav-badge" sx={{ ml: 1, fontWeight: 600 }} />
      {urgent ? <UrgentCount badge={urgent} /> : null}
    </>
  );
}

/** The late part of a count (overdue), red, beside it. */
function UrgentCount({ badge: { useCount, labelKey } }: { badge: NonNullable<NavBadge['urgent']> }) {
  const { t } = useTranslation();
  const count = useCount();
  if (!count) return null;
  return <Chip size="small" color="error" label={count > 99 ? '99+' : count} aria-label={t(labelKey, { count })} data-testid="nav-badge-urgent" sx={{ ml: 0.5, fontWeight: 600 }} />;
}

function ToolbarSlot({ items, allowed }: { items: readonly ToolbarItem[]; allowed: (permission?: Permission) => boolean }) {
  return items.filter((item) => allowed(item.permission)).map(({ id, Component }) => <Component key={id} />);
}

function UserMenu() {
  const { t } = useTranslation();
  const { session, lock, signOut, switchUser } = useSession();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [changingPassword, setChangingPassword] = useState(false);
  const name = session.user.displayName || session.user.username;
  const item = (label: string, icon: ReactNode, action: () => void) => (
    <MenuItem
      onClick={() => {
        setAnchor(null);
        action();
      }}
    >
      <ListItemIcon>{icon}</ListItemIcon>
      {label}
    </MenuItem>
  );
  return (
    <>
      <Button
        color="inherit"
        startIcon={<AccountCircleIcon />}
        aria-haspopup="menu"
        aria-label={`${t('shell.userMenu')}: ${name}`}
        onClick={(e) => setAnchor(e.currentTarget)}
        sx={{ textTransform: 'none' }}
      >
        {name}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {item(t('account.changePassword'), <KeyIcon fontSize="small" />, () => setChangingPassword(true))}
        {item(t('shell.switchUser'), <SwitchAccountIcon fontSize="small" />, () => void switchUser())}
        {item(t('shell.lock'), <LockIcon fontSize="small" />, () => void lock())}
        {item(t('shell.signOut'), <LogoutIcon fontSize="small" />, () => void signOut())}
      </Menu>
      <ChangePasswordDialog open={changingPassword} onClose={() => setChangingPassword(false)} />
    </>
  );
}

export function AppShell() {
  const { t } = useTranslation();
  const { session } = useSession();
  const route = useRoute();
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'));
  const [mobileOpen, setMobileOpen] = useState(false);
  const current = navOf(route);
  const allowed = (permission?: Permission) => !permission || session.permissions.includes(permission);

  const drawer = (
    <Box component="nav" aria-label={t('shell.navigation')}>
      <Toolbar />
      <List>
        {navEntries()
          .filter(({ permission }) => allowed(permission))
          .map(({ id, labelKey, icon, to, badge }) => (
            <ListItemButton
              key={id}
              component="a"
              href={hrefOf(to)}
              selected={current === id}
              aria-current={current === id ? 'page' : undefined}
              onClick={() => setMobileOpen(false)}
            >
              <ListItemIcon>{icon}</ListItemIcon>
              <ListItemText primary={t(labelKey)} />
              {badge ? <NavCount badge={badge} /> : null}
            </ListItemButton>
          ))}
      </List>
      <Divider />
    </Box>
  );

  // A print view is the whole window: nothing of the shell may reach the paper.
  if (routeIsBare(route)) return <Page route={route} />;

  return (
    // The shell is exactly the window: app bar, banners and page share its height, and only the page
    // area scrolls (one scroll bar; a banner makes the page shorter, never the window taller).
    <Box sx={{ display: 'flex', height: '100vh', overflow: 'hidden' }}>
      {backgroundComponents().map((Component, i) => (
        <Component key={i} />
      ))}
      <AppBar position="fixed" sx={{ zIndex: (th) => th.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 2 }}>
          {wide ? null : (
            <IconButton color="inherit" edge="start" aria-label={t('shell.openNavigation')} onClick={() => setMobileOpen(true)}>
              <MenuIcon />
            </IconButton>
          )}
          <ToolbarSlot items={toolbarItems('start')} allowed={allowed} />
          <Typography variant="h6" component="div" noWrap sx={{ minWidth: 0, flexShrink: 1 }} data-testid="shop-name">
            {session.shopName}
          </Typography>
          <Box sx={{ flex: 1, display: 'flex', justifyContent: 'center' }}>
            <ToolbarSlot items={toolbarItems('center')} allowed={allowed} />
          </Box>
          <ToolbarSlot items={toolbarItems('end')} allowed={allowed} />
          <LanguageSwitch />
          <UserMenu />
        </Toolbar>
      </AppBar>
      {wide ? (
        <Drawer
          variant="permanent"
          sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}
        >
          {drawer}
        </Drawer>
      ) : (
        <Drawer
          variant="temporary"
          open={mobileOpen}
          onClose={() => setMobileOpen(false)}
          sx={{ '& .MuiDrawer-paper': { width: DRAWER_WIDTH } }}
        >
          {drawer}
        </Drawer>
      )}
      <Box component="main" sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <Toolbar sx={{ flexShrink: 0 }} />
        {banners()
          .filter(({ permission }) => allowed(permission))
          .map(({ id, Component }) => (
            <Component key={id} sx={{ flexShrink: 0, mx: PAGE_PADDING, mt: PAGE_PADDING }} />
          ))}
        {/* Pages that fill the height (the customer list) size themselves to this box with height: 100%. */}
        <Box data-testid="page-scroll" sx={{ flex: 1, minHeight: 0, overflow: 'auto', p: PAGE_PADDING }}>
          <Page route={route} />
        </Box>
      </Box>
    </Box>
  );
}
