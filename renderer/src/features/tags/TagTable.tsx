import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import PaletteIcon from '@mui/icons-material/Palette';
import { Box, Button, Checkbox, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Tag } from '../../../../shared/api/tags.ts';
import { TagChip } from '../customers/CustomerChips.tsx';

type Props = {
  rows: readonly Tag[];
  selected: ReadonlySet<number>;
  onToggle: (tag: Tag) => void;
  onRename: (tag: Tag) => void;
  onRecolor: (tag: Tag, anchor: HTMLElement) => void;
  onDelete: (tag: Tag) => void;
};

/** The tags with their counts and what can be done to each. Fixed columns, so both languages fit. */
export function TagTable({ rows, selected, onToggle, onRename, onRecolor, onDelete }: Props) {
  const { t } = useTranslation();
  return (
    <TableContainer component={Paper}>
      <Table size="small" aria-label={t('tags.tableLabel')} sx={{ tableLayout: 'fixed' }}>
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox" sx={{ width: 56 }}>
              <Box component="span" sx={visuallyHidden}>
                {t('tags.columns.select')}
              </Box>
            </TableCell>
            <TableCell>{t('tags.columns.name')}</TableCell>
            <TableCell sx={{ width: { xs: 150, lg: 200 } }}>{t('tags.columns.customers')}</TableCell>
            <TableCell align="right" sx={{ width: { xs: 290, lg: 330 } }}>
              {t('tags.columns.actions')}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((tag) => (
            <TableRow key={tag.id} data-tag-id={tag.id} selected={selected.has(tag.id)}>
              <TableCell padding="checkbox">
                <Checkbox checked={selected.has(tag.id)} onChange={() => onToggle(tag)} slotProps={{ input: { 'aria-label': t('tags.selectTag', { name: tag.name }) } }} />
              </TableCell>
              <TableCell sx={{ minWidth: 0 }}>
                <TagChip name={tag.name} color={tag.color} />
              </TableCell>
              <TableCell>
                <Typography variant="body2">{t('tags.customerCount', { count: tag.customers })}</Typography>
                {tag.inRecycleBin > 0 ? (
                  <Typography variant="caption" color="text.secondary">
                    {t('tags.inRecycleBin', { count: tag.inRecycleBin })}
                  </Typography>
                ) : null}
              </TableCell>
              <TableCell align="right">
                <Stack direction="row" spacing={0.5} sx={{ justifyContent: 'flex-end', flexWrap: 'wrap' }} useFlexGap>
                  <Button size="small" startIcon={<EditIcon />} onClick={() => onRename(tag)} aria-label={t('tags.renameTag', { name: tag.name })}>
                    {t('tags.rename')}
                  </Button>
                  <Button size="small" startIcon={<PaletteIcon />} onClick={(e) => onRecolor(tag, e.currentTarget)} aria-label={t('tags.recolorTag', { name: tag.name })}>
                    {t('tags.recolor')}
                  </Button>
                  <Button size="small" color="error" startIcon={<DeleteIcon />} onClick={() => onDelete(tag)} aria-label={t('tags.deleteTag', { name: tag.name })}>
                    {t('tags.delete')}
                  </Button>
                </Stack>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

// Read by screen readers as the column's name, not drawn.
const visuallyHidden = { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;
