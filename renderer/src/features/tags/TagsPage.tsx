import MergeIcon from '@mui/icons-material/CallMerge';
import { Alert, Box, Button, CircularProgress, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useDeferredValue, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tag, TagColor, TAG_SORTS } from '../../../../shared/api/tags.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { dataChanged, useCoreMutation, usePagedQuery } from '../../app/query.ts';
import { DeleteTagDialog } from './DeleteTagDialog.tsx';
import { MergeTagsDialog } from './MergeTagsDialog.tsx';
import { RenameTagDialog } from './RenameTagDialog.tsx';
import { TagColorMenu } from './TagColorMenu.tsx';
import { tagProblem } from './tag-errors.ts';
import { TagTable } from './TagTable.tsx';
import { useLoadMoreWhenVisible } from '../../app/use-load-more.ts';

const PAGE_SIZE = 50;
type Sort = (typeof TAG_SORTS)[number];
/** A dialog about one tag: its id (looked up in the list as it is now) and its name when opened. */
type Target = { id: number; name: string };

/** Tags management: every tag with how many customers carry it; rename, merge, colour, delete. */
export function TagsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<Sort>('customers');
  const query = useDeferredValue(q.trim());
  const list = usePagedQuery('tags.list', { sort, limit: PAGE_SIZE, ...(query ? { q: query } : {}) });
  // Selected for a merge: kept across filtering, so tags found by different searches can be merged.
  const [selected, setSelected] = useState<ReadonlyMap<number, Tag>>(new Map());
  const [renaming, setRenaming] = useState<Target | null>(null);
  const [deleting, setDeleting] = useState<Target | null>(null);
  const [merging, setMerging] = useState(false);
  const [coloring, setColoring] = useState<{ tag: Tag; anchor: HTMLElement } | null>(null);
  const notify = useNotify();
  // Here, not in the menu: the menu closes before the answer comes, and its callbacks would go with it.
  const setColor = useCoreMutation('tags.setColor');
  const sentinelRef = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;

  // The list as it is now decides what a dialog acts on (a reload after a conflict brings new versions).
  const current = (target: Target | null) => (target ? (list.rows.find((tag) => tag.id === target.id) ?? null) : null);
  const selectedNow = [...selected.values()].map((tag) => list.rows.find((row) => row.id === tag.id) ?? tag);

  useLoadMoreWhenVisible(sentinelRef, { fetchNextPage, hasNextPage, isFetchingNextPage, error: list.error });

  const recolor = (tag: Tag, color: TagColor | null) =>
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

  const toggle = (tag: Tag) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (next.has(tag.id)) next.delete(tag.id);
      else next.set(tag.id, tag);
      return next;
    });
  const loading = (list.isPending && list.isFetching) || isFetchingNextPage;

  return (
    <Stack spacing={2} sx={{ maxWidth: 1100, mx: 'auto' }}>
      <Box>
        <Typography variant="h5" component="h1">
          {t('tags.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('tags.intro')}
        </Typography>
      </Box>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField size="small" type="search" label={t('tags.filter')} value={q} onChange={(e) => setQ(e.target.value)} sx={{ width: 260 }} slotProps={{ htmlInput: { maxLength: 40 } }} />
        <TextField select size="small" label={t('tags.sort')} value={sort} onChange={(e) => setSort(e.target.value as Sort)} sx={{ width: 160 }}>
          <MenuItem value="customers">{t('tags.sorts.customers')}</MenuItem>
          <MenuItem value="name">{t('tags.sorts.name')}</MenuItem>
        </TextField>
        <Box sx={{ flexGrow: 1 }} />
        {selected.size > 0 ? <Button onClick={() => setSelected(new Map())}>{t('tags.clearSelection')}</Button> : null}
        <Button variant="contained" startIcon={<MergeIcon />} disabled={selected.size < 2} onClick={() => setMerging(true)}>
          {t('tags.mergeSelected', { count: selected.size })}
        </Button>
      </Stack>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      <TagTable
        rows={list.rows}
        selected={new Set(selected.keys())}
        onToggle={toggle}
        onRename={(tag) => setRenaming({ id: tag.id, name: tag.name })}
        onRecolor={(tag, anchor) => setColoring({ tag, anchor })}
        onDelete={(tag) => setDeleting({ id: tag.id, name: tag.name })}
      />
      <Box ref={sentinelRef} sx={{ textAlign: 'center', color: 'text.secondary', py: 1 }}>
        {loading ? (
          <CircularProgress size={20} aria-label={t('common.loadingMore')} />
        ) : hasNextPage ? (
          <Button onClick={() => void fetchNextPage()}>{t('common.loadMore')}</Button>
        ) : list.isSuccess && list.rows.length === 0 ? (
          query ? t('tags.noMatch', { q: query }) : t('tags.empty')
        ) : null}
      </Box>
      {renaming ? <RenameTagDialog tag={current(renaming)} initialName={renaming.name} onClose={() => setRenaming(null)} /> : null}
      {deleting ? <DeleteTagDialog tag={current(deleting)} initialName={deleting.name} onClose={() => setDeleting(null)} /> : null}
      {merging ? (
        <MergeTagsDialog
          tags={selectedNow}
          onClose={() => setMerging(false)}
          onMerged={() => {
            setMerging(false);
            setSelected(new Map());
          }}
        />
      ) : null}
      {coloring ? (
        <TagColorMenu
          tag={current(coloring.tag) ?? coloring.tag}
          anchor={coloring.anchor}
          onClose={() => setColoring(null)}
          onPick={(color) => recolor(current(coloring.tag) ?? coloring.tag, color)}
        />
      ) : null}
    </Stack>
  );
}
