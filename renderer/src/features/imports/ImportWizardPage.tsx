import { Box, Button, Link, Stack, Step, StepLabel, Stepper, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileRef } from '../../../../shared/api/files.ts';
import {
  IMPORT_FIELDS,
  REQUIRED_IMPORT_FIELDS,
  type ImportInspection,
  type ImportKind,
  type ImportPreview,
  type Mapping,
  type TextEncoding,
} from '../../../../shared/api/imports.ts';
import { invoke } from '../../api/client.ts';
import { uploadFile } from '../../api/files.ts';
import { logError } from '../../app/errors.ts';
import { dataChanged } from '../../app/query.ts';
import { hrefOf } from '../../app/router.ts';
import { CheckStep, type Policy } from './CheckStep.tsx';
import { EncodingStep } from './EncodingStep.tsx';
import { FileStep } from './FileStep.tsx';
import { MappingStep, mappingComplete } from './MappingStep.tsx';
import { RunStep, type RunState } from './RunStep.tsx';
import { SummaryStep } from './SummaryStep.tsx';
import { checkLocally, importError, localRefusal } from './import-format.ts';
import { cancelImportJob, runImportJob, type Progress } from './import-job.ts';

const STEPS = ['file', 'encoding', 'mapping', 'check', 'run', 'summary'] as const;
const [FILE, ENCODING, MAPPING, CHECK, RUN, SUMMARY] = [0, 1, 2, 3, 4, 5] as const;

type InspectOptions = { encoding?: TextEncoding; sheet?: string; headerRow?: number };

/** The wizard at `#/import/<kind>`: file → encoding and sheet → mapping → check → run → summary. */
export function ImportWizardPage({ kind }: { kind: ImportKind }) {
  const { t, i18n } = useTranslation();
  const [step, setStep] = useState<number>(FILE);
  const [chosen, setChosen] = useState<{ name: string; size: number } | null>(null);
  const [file, setFile] = useState<FileRef | null>(null);
  const [busy, setBusy] = useState(false);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [inspection, setInspection] = useState<ImportInspection | null>(null);
  const [inspectProblem, setInspectProblem] = useState<string | null>(null);
  const [encoding, setEncoding] = useState<TextEncoding | undefined>();
  const [sheet, setSheet] = useState<string | undefined>();
  // The header row the user typed (inspect reads the file again from it) and the one the core found.
  const [headerChoice, setHeaderChoice] = useState<number | undefined>();
  const [detectedHeaderRow, setDetectedHeaderRow] = useState<number | null>(null);
  const inspectSeq = useRef(0);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [policy, setPolicy] = useState<Policy>({ matchOn: 'phone', onDuplicate: 'skip', onError: 'skipRow' });
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [checking, setChecking] = useState<Progress | null>(null);
  const [checkProblem, setCheckProblem] = useState<string | null>(null);
  const [run, setRun] = useState<RunState>({ state: 'idle' });
  const heading = useRef<HTMLHeadingElement>(null);
  // The preview that is running (one import job at a time per person) and which request is the latest.
  const previewRun = useRef<Promise<unknown> | null>(null);
  const previewSeq = useRef(0);

  const fields: readonly string[] = IMPORT_FIELDS[kind];
  const required: readonly string[] = REQUIRED_IMPORT_FIELDS[kind];

  // Each step's heading takes the focus, so a keyboard (or screen reader) user starts at its top.
  useEffect(() => heading.current?.focus(), [step]);

  /** Reads the staged file with these choices; its mapping replaces the one on screen (new headers). Answers why not, or null. */
  const inspect = async (upload: FileRef, options: InspectOptions): Promise<string | null> => {
    const mine = ++inspectSeq.current;
    setBusy(true);
    const result = await invoke('imports.inspect', { file: upload, kind, ...options });
    if (mine !== inspectSeq.current) return null; // a later choice (another header row typed) is being read
    setBusy(false);
    if (!result.ok) {
      logError(result.error);
      return importError(t, result.error);
    }
    setInspection(result.value);
    if (options.headerRow === undefined) setDetectedHeaderRow(result.value.headerRow);
    setMapping(result.value.mapping);
    setPreview(null);
    return null;
  };

  const chooseFile = async (picked: File) => {
    setChosen({ name: picked.name, size: picked.size });
    setFileProblem(null);
    setFile(null);
    setInspection(null);
    setInspectProblem(null);
    setEncoding(undefined);
    setSheet(undefined);
    setHeaderChoice(undefined);
    const refusal = checkLocally(picked);
    if (refusal) return setFileProblem(localRefusal(t, refusal));
    setBusy(true);
    const staged = await uploadFile(picked, 'import');
    if (!staged.ok) {
      setBusy(false);
      logError(staged.error);
      return setFileProblem(importError(t, staged.error));
    }
    // The same staged file serves inspect, preview and run (it expires by itself).
    const upload = { upload: staged.value.upload };
    const problem = await inspect(upload, {});
    if (problem !== null) return setFileProblem(problem);
    setFile(upload);
  };

  const reinspect = async (options: InspectOptions) => {
    if (!file) return;
    setInspectProblem(await inspect(file, options));
  };

  const request = (current: Mapping, chosenPolicy: Policy) => ({
    file: file!, // the check and run steps are reached only with a staged file
    kind,
    ...(encoding ? { encoding } : {}),
    ...(sheet ? { sheet } : {}),
    mapping: current,
    matchOn: chosenPolicy.matchOn,
    onDuplicate: chosenPolicy.onDuplicate,
  });

  /** Previews with these choices; a change while one runs stops it first (the latest choice wins). */
  const check = async (current: Mapping, chosenPolicy: Policy) => {
    const mine = ++previewSeq.current;
    if (previewRun.current) {
      await cancelImportJob();
      await previewRun.current;
    }
    if (mine !== previewSeq.current) return;
    setCheckProblem(null);
    setChecking({ done: 0, total: 0 });
    const running = runImportJob('imports.preview', request(current, chosenPolicy), (progress) => {
      if (mine === previewSeq.current) setChecking(progress);
    });
    previewRun.current = running;
    const result = await running;
    if (previewRun.current === running) previewRun.current = null;
    if (mine !== previewSeq.current) return;
    setChecking(null);
    if (result.ok) setPreview(result.value);
    else setCheckProblem(result.error.code === 'CANCELLED' ? t('imports.check.stopped') : importError(t, result.error));
  };

  const changePolicy = (next: Policy) => {
    setPolicy(next);
    // All or nothing changes what a run does with the errors, not the counts: no new check.
    if (mapping && (next.matchOn !== policy.matchOn || next.onDuplicate !== policy.onDuplicate)) void check(mapping, next);
  };

  const startRun = async () => {
    if (!mapping) return;
    setStep(RUN);
    setRun({ state: 'running', progress: { done: 0, total: 0 }, cancel: 'none' });
    // The rejected rows' CSV names each error in the language on screen.
    const language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
    const result = await runImportJob('imports.run', { ...request(mapping, policy), onError: policy.onError, language }, (progress) =>
      setRun((current) => (current.state === 'running' ? { ...current, progress } : current)),
    );
    if (result.ok) {
      dataChanged(); // the customer list, counts, history
      setRun({ state: 'done', result: result.value });
      setStep(SUMMARY);
    } else if (result.error.code === 'CANCELLED') setRun({ state: 'cancelled' });
    else setRun({ state: 'failed', message: importError(t, result.error) });
  };

  const cancelRun = async () => {
    setRun((current) => (current.state === 'running' ? { ...current, cancel: 'asked' } : current));
    if (!(await cancelImportJob())) setRun((current) => (current.state === 'running' ? { ...current, cancel: 'tooLate' } : current));
  };

  const startOver = () => {
    setStep(FILE);
    setChosen(null);
    setFile(null);
    setInspection(null);
    setMapping(null);
    setPreview(null);
    setRun({ state: 'idle' });
  };

  const headerRow = headerChoice ?? mapping?.headerRow ?? inspection?.headerRow ?? 1;
  const shown = inspection ? { headers: inspection.headers, sample: inspection.sample } : { headers: [], sample: [] };
  const mappedFields = mapping ? fields.filter((field) => typeof mapping.columns[field] === 'number') : [];

  const back = () => setStep((current) => Math.max(FILE, current - 1));
  const nextDisabled =
    busy ||
    (step === FILE && (file === null || fileProblem !== null)) ||
    (step === ENCODING && inspectProblem !== null) ||
    (step === MAPPING && (mapping === null || !mappingComplete(required, mapping)));
  const next = () => {
    if (step === MAPPING && mapping) {
      setStep(CHECK);
      if (!preview) void check(mapping, policy);
      return;
    }
    setStep((current) => current + 1);
  };

  return (
    <Stack spacing={2} sx={{ maxWidth: 1600, minWidth: 0 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h5" component="h1">
          {t(`imports.title.${kind}`)}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <Link href={hrefOf({ name: 'importHistory' })}>{t('imports.history.link')}</Link>
      </Stack>
      <Stepper activeStep={step} alternativeLabel sx={{ overflowX: 'auto', pb: 1 }}>
        {STEPS.map((name) => (
          <Step key={name}>
            <StepLabel>{t(`imports.steps.${name}`)}</StepLabel>
          </Step>
        ))}
      </Stepper>
      <Typography variant="h6" component="h2" ref={heading} tabIndex={-1} sx={{ outline: 'none' }}>
        {t(`imports.steps.${STEPS[step] ?? 'file'}`)}
      </Typography>
      <Box sx={{ minWidth: 0 }}>
        {step === FILE ? <FileStep chosen={chosen} busy={busy} problem={fileProblem} onFile={(picked) => void chooseFile(picked)} /> : null}
        {step === ENCODING && inspection ? (
          <EncodingStep
            inspection={inspection}
            headerRow={headerRow}
            detectedHeaderRow={detectedHeaderRow}
            headers={shown.headers}
            sample={shown.sample}
            busy={busy}
            problem={inspectProblem}
            onEncoding={(chosenEncoding) => {
              setEncoding(chosenEncoding);
              void reinspect({ encoding: chosenEncoding, ...(sheet ? { sheet } : {}), ...(headerChoice ? { headerRow: headerChoice } : {}) });
            }}
            onSheet={(chosenSheet) => {
              setSheet(chosenSheet);
              setHeaderChoice(undefined); // another sheet: its own header, found again
              void reinspect({ ...(encoding ? { encoding } : {}), sheet: chosenSheet });
            }}
            onHeaderRow={(row) => {
              // Read again from that row: its cells are the headers, the mapping is matched on them.
              setHeaderChoice(row);
              void reinspect({ ...(encoding ? { encoding } : {}), ...(sheet ? { sheet } : {}), headerRow: row });
            }}
          />
        ) : null}
        {step === MAPPING && inspection && mapping ? (
          <MappingStep
            fields={fields}
            required={required}
            headers={shown.headers}
            sample={shown.sample}
            mapping={mapping}
            mappingSaved={inspection.mappingSaved}
            onChange={(columns) => {
              setMapping({ ...mapping, columns });
              setPreview(null);
            }}
          />
        ) : null}
        {step === CHECK ? (
          <CheckStep
            kind={kind}
            policy={policy}
            onPolicy={changePolicy}
            fields={mappedFields}
            preview={preview}
            checking={checking}
            problem={checkProblem}
            onCancel={() => void cancelImportJob()} // a preview writes nothing: stopping it is always safe
            onRetry={() => mapping && void check(mapping, policy)}
          />
        ) : null}
        {step === RUN ? <RunStep run={run} onCancel={() => void cancelRun()} onBack={() => setStep(CHECK)} /> : null}
        {step === SUMMARY && run.state === 'done' && chosen ? <SummaryStep kind={kind} result={run.result} fileName={chosen.name} onAnother={startOver} /> : null}
      </Box>
      {step < RUN ? (
        <Stack direction="row" spacing={1.5} sx={{ justifyContent: 'flex-end' }}>
          {step > FILE ? (
            <Button onClick={back} disabled={busy || checking !== null}>
              {t('imports.back')}
            </Button>
          ) : null}
          {step < CHECK ? (
            <Button variant="contained" onClick={next} disabled={nextDisabled}>
              {t('imports.next')}
            </Button>
          ) : (
            <Button variant="contained" onClick={() => void startRun()} disabled={preview === null || checking !== null || preview.valid === 0}>
              {t('imports.run.start')}
            </Button>
          )}
        </Stack>
      ) : null}
    </Stack>
  );
}
