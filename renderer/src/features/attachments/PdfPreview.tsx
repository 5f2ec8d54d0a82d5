import { Alert, Box, CircularProgress, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import FitWidthIcon from '@mui/icons-material/FitScreen';
import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import ZoomInIcon from '@mui/icons-material/ZoomIn';
import ZoomOutIcon from '@mui/icons-material/ZoomOut';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.ts';
import { openPdf, type OpenPdf } from './pdfjs.ts';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;
/** Grey around the page, in CSS pixels, so its edge shows. */
const PAGE_MARGIN = 12;
/** 'fit': the page as wide as the dialog; otherwise a scale of the PDF's own size. */
type Zoom = 'fit' | number;

type Props = { bytes: Uint8Array };

/**
 * A PDF's pages drawn by pdf.js onto a canvas, one page at a time, with page navigation and zoom
 * (fit to width by default). The page's text is also put in the page, hidden from view, so screen
 * readers (and tests) can read what is drawn.
 */
export default function PdfPreview({ bytes }: Props) {
  const { t } = useTranslation();
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  const [pageNumber, setPageNumber] = useState(1);
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [width, setWidth] = useState(0);
  const [rendered, setRendered] = useState<{ page: number; text: string; scale: number } | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let alive = true;
    let opened: OpenPdf | null = null;
    // pdf.js takes the buffer over (it is transferred to its worker): give it a copy.
    openPdf(bytes.slice()).then(
      (pdf) => {
        opened = pdf;
        if (alive) setDoc(pdf.pdf);
        else void pdf.close();
      },
      (error: unknown) => {
        console.warn('attachments: the PDF could not be opened', error);
        if (alive) setFailed(true);
      },
    );
    return () => {
      alive = false;
      void opened?.close();
    };
  }, [bytes]);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!doc || !canvas.current || width === 0) return;
    let task: RenderTask | null = null;
    let alive = true;
    void (async () => {
      try {
        const page = await doc.getPage(pageNumber);
        const natural = page.getViewport({ scale: 1 });
        // The box's content width (inside its padding and scroll bar).
        const scale = zoom === 'fit' ? (width - 1) / natural.width : zoom;
        const viewport = page.getViewport({ scale: scale * (window.devicePixelRatio || 1) });
        const target = canvas.current;
        if (!alive || !target) return;
        target.width = Math.floor(viewport.width);
        target.height = Math.floor(viewport.height);
        target.style.width = `${Math.floor(natural.width * scale)}px`;
        target.style.height = `${Math.floor(natural.height * scale)}px`;
        task = page.render({ canvas: target, viewport });
        await task.promise;
        const content = await page.getTextContent();
        const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
        if (alive) setRendered({ page: pageNumber, text, scale });
      } catch (error) {
        // A render cancelled by the next one (page turned, zoom changed) is not a failure.
        if (alive && !(error instanceof Error && error.name === 'RenderingCancelledException')) {
          console.warn('attachments: a PDF page could not be drawn', error);
          setFailed(true);
        }
      }
    })();
    return () => {
      alive = false;
      task?.cancel();
    };
  }, [doc, pageNumber, zoom, width]);

  if (failed) return <Alert severity="warning">{t('attachments.preview.pdfFailed')}</Alert>;

  const pages = doc?.numPages ?? 0;
  // Zooming steps from the scale on screen, also when that is "fit to width".
  const stepZoom = (direction: 1 | -1) => {
    const current = zoom === 'fit' ? (rendered?.scale ?? 1) : zoom;
    const next = direction > 0 ? ZOOMS.find((z) => z > current + 0.01) : ZOOMS.toReversed().find((z) => z < current - 0.01);
    if (next !== undefined) setZoom(next);
  };

  return (
    <Stack spacing={1} sx={{ height: '100%', minHeight: 0 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Tooltip title={t('attachments.preview.previousPage')}>
          <span>
            <IconButton aria-label={t('attachments.preview.previousPage')} disabled={pageNumber <= 1} onClick={() => setPageNumber((n) => n - 1)}>
              <NavigateBeforeIcon />
            </IconButton>
          </span>
        </Tooltip>
        <Typography data-testid="pdf-page" aria-live="polite">
          {pages > 0 ? t('attachments.preview.pageOf', { page: formatNumber(pageNumber), pages: formatNumber(pages) }) : t('attachments.preview.opening')}
        </Typography>
        <Tooltip title={t('attachments.preview.nextPage')}>
          <span>
            <IconButton aria-label={t('attachments.preview.nextPage')} disabled={pageNumber >= pages} onClick={() => setPageNumber((n) => n + 1)}>
              <NavigateNextIcon />
            </IconButton>
          </span>
        </Tooltip>
        <Box sx={{ flex: 1 }} />
        <Tooltip title={t('attachments.preview.zoomOut')}>
          <IconButton aria-label={t('attachments.preview.zoomOut')} onClick={() => stepZoom(-1)}>
            <ZoomOutIcon />
          </IconButton>
        </Tooltip>
        <Typography sx={{ minWidth: 56, textAlign: 'center' }}>
          {zoom === 'fit' ? t('attachments.preview.fitWidth') : t('attachments.preview.percent', { value: formatNumber(Math.round(zoom * 100)) })}
        </Typography>
        <Tooltip title={t('attachments.preview.zoomIn')}>
          <IconButton aria-label={t('attachments.preview.zoomIn')} onClick={() => stepZoom(1)}>
            <ZoomInIcon />
          </IconButton>
        </Tooltip>
        <Tooltip title={t('attachments.preview.fitWidth')}>
          <IconButton aria-label={t('attachments.preview.fitWidth')} aria-pressed={zoom === 'fit'} onClick={() => setZoom('fit')}>
            <FitWidthIcon />
          </IconButton>
        </Tooltip>
      </Stack>
      <Box ref={box} sx={{ flex: 1, minHeight: 0, overflow: 'auto', scrollbarGutter: 'stable', bgcolor: 'grey.200', textAlign: 'center', p: `${PAGE_MARGIN}px` }}>
        {rendered === null ? <CircularProgress sx={{ m: 4 }} aria-label={t('attachments.preview.opening')} /> : null}
        <canvas
          ref={canvas}
          data-testid="pdf-canvas"
          data-rendered-page={rendered?.page ?? 0}
          data-pages={pages}
          role="img"
          aria-label={t('attachments.preview.pageOf', { page: formatNumber(pageNumber), pages: formatNumber(pages) })}
          style={{ display: rendered === null ? 'none' : 'block', margin: '0 auto', background: 'white', boxShadow: '0 1px 4px rgba(0,0,0,0.3)' }}
        />
        {/* What the page says, for screen readers: the canvas itself is only pixels. */}
        <Box data-testid="pdf-text" sx={visuallyHidden}>
          {rendered?.text ?? ''}
        </Box>
      </Box>
    </Stack>
  );
}

const visuallyHidden = { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;
