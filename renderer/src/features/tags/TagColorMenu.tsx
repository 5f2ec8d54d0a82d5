import CheckIcon from '@mui/icons-material/Check';
import FormatColorResetIcon from '@mui/icons-material/FormatColorReset';
import { Box, ListItemIcon, ListItemText, Menu, MenuItem } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { TAG_COLORS, type Tag, type TagColor } from '../../../../shared/api/tags.ts';
import { swatchOf } from './palette.ts';

/** The palette for one tag; picking a colour closes it and hands the colour to `onPick`. */
export function TagColorMenu({ tag, anchor, onClose, onPick }: { tag: Tag; anchor: HTMLElement; onClose: () => void; onPick: (color: TagColor | null) => void }) {
  const { t } = useTranslation();
  const pick = (color: TagColor | null) => {
    onClose();
    if (color !== tag.color) onPick(color);
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
