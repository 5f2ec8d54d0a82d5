import { Button, Stack, TextField } from '@mui/material';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import { useTranslation } from 'react-i18next';
import { logError } from '../../app/errors.ts';

type Props = {
  kind: 'folder' | 'file';
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the field; in browser mode it says the path is on this computer. */
  helperText?: string;
  error?: string;
  disabled?: boolean;
  name?: string;
};

/**
 * A folder or file path: typed, or (in Electron, when the preload offers the dialog) chosen with
 * "Browse…". The browser cannot give a real path from its own file picker, so there it is typed.
 */
export function PathField({ kind, label, value, onChange, helperText, error, disabled, name }: Props) {
  const { t } = useTranslation();
  const pick = kind === 'folder' ? window.clientele?.pickFolder : window.clientele?.pickFile;
  const browse = async () => {
    try {
      const chosen = await pick?.();
      if (chosen) onChange(chosen);
    } catch (cause) {
      logError({ code: 'IO', message: `pick${kind}: ${cause instanceof Error ? cause.message : String(cause)}` });
    }
  };
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'flex-start' } }}>
      <TextField
        label={label}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={error !== undefined}
        helperText={error ?? helperText}
        disabled={disabled}
        fullWidth
        slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' } }}
      />
      {pick ? (
        <Button variant="outlined" startIcon={<FolderOpenIcon />} onClick={() => void browse()} disabled={disabled} sx={{ flexShrink: 0, height: 56 }}>
          {t('backup.browse')}
        </Button>
      ) : null}
    </Stack>
  );
}
