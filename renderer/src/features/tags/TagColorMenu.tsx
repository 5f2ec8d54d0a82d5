import CheckIcon from '@mui/icons-material/Check';
import FormatColorResetIcon from '@mui/icons-material/FormatColorReset';
import { Box, ListItemIcon, ListItemText, Menu, MenuItem } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { TAG_COLORS, type Tag, type TagColor } from '../../../../shared/api/tags.ts';
import { useNotify } from '../../app/notify.tsx';
import { dataChanged, useCoreMutation } from '../../app/query.ts';
import { swatchOf } from './palette.ts';
import { tagProblem } from './tag-errors.ts';

/** The palette for one tag: picking a colour saves it at once. */
export function TagColorMenu({ tag, anchor, onClose }: { tag: Tag; anchor: HTMLElement; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const setColor = useCoreMutation('tags.setColor');

  const pick = (color: TagColor | null) => {
    onClose();
    if (color === tag.color) return;
    setColor.mutate(
      { id: tag.id, version: tag.version, color },
      {
        onSuccess: () => notify({ message: t('tags.recolored', { name: tag.name }) }),
        onError: (error) => {
          const problem = tagProblem(t, error);
          notify({ message: problem.message, severity: 'error' });
          if (problem.reload) dataChanged();
        },
      },
    );
  };

  const mark = (selected: boolean) => (selected ? <CheckIcon fontSize="small" /> : null);
  return (
    <Menu open anchorEl={anchor} onClose={onClose} slotProps={{ list: { 'aria-label': t('tags.colorTitle'), dense: true } }}>
      <MenuItem selected={tag.color === null} onClick={() => pick(null)}>
        <ListItemIcon>
          <FormatColorResetIcon fontSize="small" />
        </ListItemIcon>
        <ListItemText>{t('tags.noColor')}</ListItemText>
        {mark(tag.color === null)}
      </MenuItem>
      {TAG_COLORS.map((color) => (
        <MenuItem key={color} selected={tag.color === color} onClick={() => pick(color)}>
          <ListItemIcon>
            <Box component="span" sx={{ width: 18, height: 18, borderRadius: '50%', bgcolor: swatchOf(color) }} />
          </ListItemIcon>
          <ListItemText>{t(`tags.colors.${color}`)}</ListItemText>
          {mark(tag.color === color)}
        </MenuItem>
      ))}
    </Menu>
  );
}
