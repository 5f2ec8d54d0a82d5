import {
  AppBar,
  Box,
  Button,
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
import AssessmentIcon from '@mui/icons-material/Assessment';
import DescriptionIcon from '@mui/icons-material/Description';
import DirectionsWalkIcon from '@mui/icons-material/DirectionsWalk';
import HandymanIcon from '@mui/icons-material/Handyman';
import KeyIcon from '@mui/icons-material/Key';
import LockIcon from '@mui/icons-material/Lock';
import LogoutIcon from '@mui/icons-material/Logout';
import SwitchAccountIcon from '@mui/icons-material/SwitchAccount';
import MenuIcon from '@mui/icons-material/Menu';
import PeopleIcon from '@mui/icons-material/People';
import SentimentSatisfiedAltIcon from '@mui/icons-material/SentimentSatisfiedAlt';
import SettingsIcon from '@mui/icons-material/Settings';
import TodayIcon from '@mui/icons-material/Today';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { hrefOf, navigate, ROUTE_PERMISSIONS, useRoute, type Route } from '../../app/router.ts';
import { CustomerDetailPage } from '../customers/CustomerDetailPage.tsx';
import { CustomerFormPage } from '../customers/CustomerFormPage.tsx';
import { CustomerListPage } from '../customers/CustomerListPage.tsx';
import { RecycleBinPage } from '../customers/RecycleBinPage.tsx';
import type { Permission } from '../../../../shared/roles.ts';
import { ChangePasswordDialog } from '../account/ChangePasswordDialog.tsx';
import { ComingSoonPage } from '../placeholder/ComingSoonPage.tsx';
import { BackupButton } from '../backup/BackupButton.tsx';
import { BackupReminder } from '../backup/BackupReminder.tsx';
import { SettingsPage } from '../settings/SettingsPage.tsx';
import { GlobalSearch } from '../search/GlobalSearch.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

const DRAWER_WIDTH = 220;
const PAGE_PADDING = { xs: 1.5, sm: 3 } as const;

type NavArea = 'today' | 'customers' | 'contracts' | 'visits' | 'service' | 'satisfaction' | 'reports' | 'settings';

/** `permission`: the entry is hidden from roles the core would refuse (it still enforces every call). */
const NAV: { area: NavArea; icon: ReactNode; permission?: Permission }[] = [
  { area: 'today', icon: <TodayIcon /> },
  { area: 'customers', icon: <PeopleIcon />, permission: 'customers.read' },
  { area: 'contracts', icon: <DescriptionIcon /> },
  { area: 'visits', icon: <DirectionsWalkIcon /> },
  { area: 'service', icon: <HandymanIcon /> },
  { area: 'satisfaction', icon: <SentimentSatisfiedAltIcon /> },
  { area: 'reports', icon: <AssessmentIcon />, permission: 'reports.read' },
  // Everyone has Settings: their own password and language; owners also users, security, audit.
  { area: 'settings', icon: <SettingsIcon /> },
];

/** Which navigation entry a route belongs to (customer pages all light up "Customers"). */
function areaOf(route: Route): NavArea | null {
  switch (route.name) {
    case 'customers':
    case 'customer':
    case 'customerNew':
    case 'customerEdit':
    case 'recycleBin':
      return 'customers';
    case 'notFound':
      return null;
    default:
      return route.name;
  }
}

function Page({ route }: { route: Route }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const needed = ROUTE_PERMISSIONS[route.name];
  if (needed && !session.permissions.includes(needed)) {
    // Reached by address: one clear state, never a form or list the core would refuse.
    return (
      <Box sx={{ p: 4, textAlign: 'center' }} data-testid="no-permission">
        <Typography variant="h6" component="h1">
          {t('shell.noPermission')}
        </Typography>
        <Button sx={{ mt: 2 }} onClick={() => navigate({ name: 'customers' })}>
          {t('shell.goToCustomers')}
        </Button>
      </Box>
    );
  }
  switch (route.name) {
    case 'customers':
      return <CustomerListPage search={route.query} />;
    case 'customer':
      return <CustomerDetailPage key={route.id} id={route.id} />;
    case 'customerNew':
      return <CustomerFormPage key="new" id={null} />;
    case 'customerEdit':
      return <CustomerFormPage key={route.id} id={route.id} />;
    case 'recycleBin':
      return <RecycleBinPage />;
    case 'settings':
      return <SettingsPage tab={route.tab ?? null} />;
    case 'notFound':
      return (
        <Box sx={{ p: 4, textAlign: 'center' }}>
          <Typography variant="h6" component="h1">
            {t('shell.notFound')}
          </Typography>
          <Button sx={{ mt: 2 }} onClick={() => navigate({ name: 'customers' })}>
            {t('shell.goToCustomers')}
          </Button>
        </Box>
      );
    default:
      return <ComingSoonPage area={t(`nav.${route.name}`)} />;
  }
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
  const current = areaOf(route);
  const canWrite = session.permissions.includes('customers.write');

  // Alt+N opens a new customer from anywhere (Ctrl+N is the browser's new window).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN' && canWrite) {
        e.preventDefault();
        navigate({ name: 'customerNew' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canWrite]);

  const drawer = (
    <Box component="nav" aria-label={t('shell.navigation')}>
      <Toolbar />
      <List>
        {NAV.filter(({ permission }) => !permission || session.permissions.includes(permission)).map(({ area, icon }) => (
          <ListItemButton
            key={area}
            component="a"
            href={hrefOf({ name: area })}
            selected={current === area}
            aria-current={current === area ? 'page' : undefined}
            onClick={() => setMobileOpen(false)}
          >
            <ListItemIcon>{icon}</ListItemIcon>
            <ListItemText primary={t(`nav.${area}`)} />
          </ListItemButton>
        ))}
      </List>
      <Divider />
    </Box>
  );

  return (
    // The shell is exactly the window: app bar, banners and page share its height, and only the page
    // area scrolls (one scroll bar; a banner makes the page shorter, never the window taller).
    <Box sx={{ display: 'flex', height: '100vh', overflow: 'hidden' }}>
      <AppBar position="fixed" sx={{ zIndex: (th) => th.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 2 }}>
          {wide ? null : (
            <IconButton color="inherit" edge="start" aria-label={t('shell.openNavigation')} onClick={() => setMobileOpen(true)}>
              <MenuIcon />
            </IconButton>
          )}
          <Typography variant="h6" component="div" noWrap sx={{ minWidth: 0, flexShrink: 1 }} data-testid="shop-name">
            {session.shopName}
          </Typography>
          <Box sx={{ flex: 1, display: 'flex', justifyContent: 'center' }}>
            <GlobalSearch />
          </Box>
          {session.permissions.includes('backup.manage') ? <BackupButton /> : null}
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
        <BackupReminder sx={{ flexShrink: 0, mx: PAGE_PADDING, mt: PAGE_PADDING }} />
        {/* Pages that fill the height (the customer list) size themselves to this box with height: 100%. */}
        <Box data-testid="page-scroll" sx={{ flex: 1, minHeight: 0, overflow: 'auto', p: PAGE_PADDING }}>
          <Page route={route} />
        </Box>
      </Box>
    </Box>
  );
}
