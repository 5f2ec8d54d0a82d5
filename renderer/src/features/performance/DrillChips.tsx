import { Chip } from '@mui/material';
import type { DrillChip } from './drill-chips.ts';

/** The chips of drill-chips.ts: each says a filter in words and clears it. */
export function DrillChips({ chips, onClear }: { chips: readonly DrillChip[]; onClear: (chip: DrillChip) => void }) {
  return (
    <>
      {chips.map((chip) => (
        <Chip key={chip.key} label={chip.label} onDelete={() => onClear(chip)} data-testid={`filter-${chip.key}`} sx={{ maxWidth: '100%' }} />
      ))}
    </>
  );
}
