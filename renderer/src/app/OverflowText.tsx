import { Box, Tooltip, type SxProps, type Theme } from '@mui/material';
import { useRef, useState, type ReactNode } from 'react';

type Props = {
  /** The full text, told by the tooltip when the box cuts it off. */
  text: string;
  /** What to show instead of the bare text (a link, say); it must render `text`. */
  children?: ReactNode;
  sx?: SxProps<Theme>;
};

/**
 * One line of text that never wraps: what does not fit ends in an ellipsis, and hovering or focusing
 * it shows the whole text. For table cells, whose columns must keep their width in both languages.
 * The tooltip opens only when the text really is cut, so short values stay quiet.
 */
export function OverflowText({ text, children, sx }: Props) {
  const ref = useRef<HTMLSpanElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <Tooltip
      title={text}
      open={open}
      onOpen={() => {
        const el = ref.current;
        if (el && el.scrollWidth > el.clientWidth) setOpen(true);
      }}
      onClose={() => setOpen(false)}
      // The whole text is in the page already (the ellipsis is only drawn): the tooltip describes the
      // span rather than renaming it.
      describeChild
      slotProps={{ tooltip: { sx: { maxWidth: 480, overflowWrap: 'anywhere' } } }}
    >
      <Box
        component="span"
        ref={ref}
        // Focusing a link inside scrolls the cut text sideways to show it; keep its start in view.
        onScroll={(e) => {
          e.currentTarget.scrollLeft = 0;
        }}
        sx={[{ display: 'block', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }, ...(Array.isArray(sx) ? sx : [sx])]}
      >
        {children ?? text}
      </Box>
    </Tooltip>
  );
}
