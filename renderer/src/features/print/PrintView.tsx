// The frame of every print view: loads the document once (each load is one print in the audit
// log), waits for the embedded Chinese font before anything may be printed, and offers Print,
// Save as PDF and Back in a toolbar that paper never shows. Ctrl/Cmd+P prints the same way.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './print.css';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import PrintIcon from '@mui/icons-material/Print';
import { Alert, Box, Button, CircularProgress, Typography } from '@mui/material';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput, MethodName, MethodOutput } from '../../../../shared/api/contract.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { navigate, type Route } from '../../app/router.ts';
import { printDocument, printsThroughApp, type PrintAction } from './print-door.ts';
import { cssString } from './print-format.ts';

type PrintMethod = 'print.visitSheet' | 'print.customerProfile' | 'print.serviceReport' | 'stories.caseSheet';

type Loaded<M extends MethodName> = { state: 'loading' } | { state: 'failed'; error: AppError } | { state: 'ready'; data: MethodOutput<M> };

/**
 * The document, asked for once per address: not through the query cache, which would ask again
 * after any write (and every answer is a print in the audit log).
 */
export function usePrintDocument<M extends PrintMethod>(method: M, input: MethodInput<M> | null, inputError: AppError | null = null): Loaded<M> {
  const [loaded, setLoaded] = useState<Loaded<M>>({ state: 'loading' });
  const key = JSON.stringify(input);
  useEffect(() => {
    if (inputError) {
      setLoaded({ state: 'failed', error: inputError });
      return;
    }
    if (input === null) return;
    let current = true;
    setLoaded({ state: 'loading' });
    void invoke(method, input).then((result) => {
      if (!current) return;
      if (result.ok) setLoaded({ state: 'ready', data: result.value });
      else {
        logError(result.error);
        setLoaded({ state: 'failed', error: result.error });
      }
    });
    return () => {
      current = false;
    };
    // `key` (the input's JSON) stands for `input`, a new object on every render of the page.
  }, [method, key, inputError]);
  return loaded;
}

/**
 * Every glyph the document uses, in both weights, loaded from the embedded font before printing:
 * the font comes in subsets by Unicode range, fetched only when text needs them, and a print
 * started before they arrive would fall back to a system font (a Japanese-variant 门 or 骨).
 */
async function loadFonts(text: string): Promise<void> {
  const sample = text || ' ';
  await Promise.all(['400', '700'].map((weight) => document.fonts.load(`${weight} 16px "Noto Sans SC"`, sample)));
  await document.fonts.ready;
}

type Props = {
  /** The document's name: the toolbar's heading, the page title and the PDF's suggested file name. */
  title: string;
  /** Repeated at the top of every printed page (CSS margin box): shop, document, whose, which days. */
  runningHead: string;
  /** Where Back leads when there is no page to go back to (the view was opened by its address). */
  backTo: Route;
  /** The document's state (any method's: the dashboard's PDF is drawn from dashboard.get). */
  loaded: { state: 'loading' } | { state: 'failed'; error: AppError } | { state: 'ready' };
  /** A document's own words for a refusal (e.g. another's visit sheet under the staff scope); else the error's usual text. */
  failureText?: (error: AppError) => string | null;
  children: ReactNode;
};

export function PrintView({ title, runningHead, backTo, loaded, failureText, children }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const sheet = useRef<HTMLElement>(null);
  const [fontsReady, setFontsReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const pending = useRef<PrintAction | null>(null);
  const ready = loaded.state === 'ready' && fontsReady;

  // The page's title names the PDF the browser's "Save as PDF" suggests.
  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);

  useEffect(() => {
    if (loaded.state !== 'ready') return;
    let current = true;
    setFontsReady(false);
    void loadFonts(sheet.current?.textContent ?? '').then(
      () => current && setFontsReady(true),
      // A font that cannot load (it ships with the app, so this is a damaged install) still lets the user print.
      () => current && setFontsReady(true),
    );
    return () => {
      current = false;
    };
  }, [loaded]);

  const run = useCallback(
    async (action: PrintAction) => {
      setBusy(true);
      try {
        const result = await printDocument(action, title);
        if (result.outcome === 'saved') notify({ message: t('print.saved', { path: result.path }) });
        if (result.outcome === 'failed') notify({ message: t('print.failed', { reason: result.reason }), severity: 'error' });
      } finally {
        setBusy(false);
      }
    },
    [notify, t, title],
  );

  // Asked for before the fonts were in: done as soon as they are.
  useEffect(() => {
    if (!ready || pending.current === null) return;
    const action = pending.current;
    pending.current = null;
    void run(action);
  }, [ready, run]);

  // Ctrl/Cmd+P prints the way the Print button does (in the app, the browser's own shortcut would not).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'p') return;
      event.preventDefault();
      if (ready) void run('print');
      else pending.current = 'print';
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ready, run]);

  const back = () => {
    if (history.length > 1) history.back();
    else navigate(backTo);
  };

  const viaApp = printsThroughApp();
  return (
    <Box className="print-root" lang="zh-CN" data-print-ready={ready ? 'true' : 'false'}>
      <style>{`@page { @top-left { content: ${cssString(runningHead)}; } }`}</style>
      <Box component="header" className="print-toolbar" role="toolbar" aria-label={t('print.toolbar')}>
        <Button startIcon={<ArrowBackIcon />} onClick={back}>
          {t('print.back')}
        </Button>
        <Typography component="h1" variant="h6" sx={{ flex: 1, minWidth: 0 }} noWrap>
          {title}
        </Typography>
        {loaded.state === 'ready' && !fontsReady ? (
          <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <CircularProgress size={18} />
            <Typography variant="body2">{t('print.preparing')}</Typography>
          </Box>
        ) : null}
        {/* Nothing to print when the document was refused: only Back is offered. */}
        {loaded.state === 'failed' ? null : (
          <>
            {viaApp ? null : (
              <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 320 }}>
                {t('print.browserPdfHint')}
              </Typography>
            )}
            <Button variant="outlined" startIcon={<PictureAsPdfIcon />} disabled={!ready || busy} onClick={() => void run('pdf')}>
              {t('print.savePdf')}
            </Button>
            <Button variant="contained" startIcon={<PrintIcon />} disabled={!ready || busy} onClick={() => void run('print')}>
              {t('print.print')}
            </Button>
          </>
        )}
      </Box>
      {loaded.state === 'loading' ? (
        <Box sx={{ display: 'grid', placeItems: 'center', p: 6 }}>
          <CircularProgress aria-label={t('print.loading')} />
        </Box>
      ) : loaded.state === 'failed' ? (
        <Alert severity="error" sx={{ m: 3 }} data-testid="print-refused">
          {failureText?.(loaded.error) ?? errorMessage(t, loaded.error)}
        </Alert>
      ) : (
        <article className="print-sheet" ref={sheet}>
          {children}
        </article>
      )}
    </Box>
  );
}
