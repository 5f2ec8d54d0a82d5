import { Box, Button } from '@mui/material';
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  text: string;
  /** Lines shown until "Show more". */
  lines?: number;
};

/**
 * A long text (a customer's note, up to 20,000 characters) shown as its first few lines, with
 * "Show more" to read it whole and "Show less" to fold it again, so one note cannot turn the page
 * into a wall of text. Line breaks are kept. The button appears only when the text is really cut,
 * measured in the browser (a short note in a wide window needs none; the same note in a narrow one may).
 */
export function CollapsibleText({ text, lines = 6 }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [cut, setCut] = useState(false);
  const folding = useRef(false);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || expanded) return; // while expanded, the button stays as it was
    // Folding a long text from its end would leave the reader far below it: bring it back in view.
    if (folding.current) {
      folding.current = false;
      el.scrollIntoView({ block: 'nearest' });
    }
    const measure = () => setCut(el.scrollHeight > el.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [text, expanded]);

  const folded = {
    display: '-webkit-box',
    WebkitBoxOrient: 'vertical',
    WebkitLineClamp: String(lines),
    overflow: 'hidden',
  } as const;

  return (
    <>
      <Box id={id} ref={ref} data-collapsed={!expanded} sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', ...(expanded ? {} : folded) }}>
        {text}
      </Box>
      {cut || expanded ? (
        <Button
          size="small"
          aria-expanded={expanded}
          aria-controls={id}
          sx={{ mt: 0.5, ml: -1 }}
          onClick={() => {
            folding.current = expanded;
            setExpanded(!expanded);
          }}
        >
          {expanded ? t('detail.showLess') : t('detail.showMore')}
        </Button>
      ) : null}
    </>
  );
}
