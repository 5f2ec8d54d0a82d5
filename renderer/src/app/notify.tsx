import { Alert, Button, Snackbar } from '@mui/material';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { onAppReset } from './reset.ts';

export type Notice = {
  message: string;
  severity?: 'success' | 'info' | 'warning' | 'error';
  action?: { label: string; onClick: () => void };
};

type Notify = (notice: Notice) => void;

const NotifyContext = createContext<Notify>(() => undefined);

/** One snackbar for the whole app; a new notice replaces the current one. */
export function NotifyProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<(Notice & { key: number }) | null>(null);
  const notify = useCallback<Notify>((notice) => setCurrent({ ...notice, key: Date.now() }), []);
  const close = () => setCurrent(null);
  // Signing out or switching user clears the screen of the last person's notices too.
  useEffect(() => onAppReset(() => setCurrent(null)), []);
  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <Snackbar
        key={current?.key}
        open={current !== null}
        autoHideDuration={current?.action ? 8000 : 4000}
        onClose={(_event, reason) => {
          if (reason !== 'clickaway') close();
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        {current ? (
          <Alert
            severity={current.severity ?? 'success'}
            variant="filled"
            onClose={close}
            action={
              current.action ? (
                <Button
                  color="inherit"
                  size="small"
                  onClick={() => {
                    current.action?.onClick();
                    close();
                  }}
                >
                  {current.action.label}
                </Button>
              ) : undefined
            }
          >
            {current.message}
          </Alert>
        ) : undefined}
      </Snackbar>
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  return useContext(NotifyContext);
}
