import { z } from 'zod';
import { defineArea } from './area.ts';
import { method } from './method.ts';

/**
 * The core's long jobs, as their progress events name them (`{type:'progress', job, done, total}`):
 * re-key (system.rekey), demo data (system.seed), audit verify and export, attachments verify
 * (re-hashing every stored file, in bytes). A backup has its own
 * progress ('backup') and its own cancel (backup.cancel), since it keeps the database open while
 * it writes.
 */
export const JOB_NAMES = ['rekey', 'seed', 'auditVerify', 'auditExport', 'attachmentsVerify', 'duplicates', 'export', 'import', 'grading'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export const jobs = {
  /**
   * Asks the caller's own running job to stop at its next step: a seed keeps the batches committed
   * before it (each one whole), an audit verify or export ends with nothing written, a re-key only
   * until its copy is made (then it finishes). `cancelled` is false when there was nothing to cancel;
   * the job's own call then answers CANCELLED.
   */
  'jobs.cancel': method({ input: z.object({ job: z.enum(JOB_NAMES) }), output: z.object({ cancelled: z.boolean() }), permission: 'signedIn' }),
};

export const jobsArea = defineArea({ methods: jobs, auditEntities: [], auditActions: [] });
