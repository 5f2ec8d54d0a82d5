import { z } from 'zod';
import { defineArea } from './area.ts';
import { method } from './method.ts';
import { ATTACHMENT_MAX_MB_CEILING } from './attachments.ts';

export const Settings = z.object({
  /** Staff see only the customers they are responsible for (and everything linked to them). */
  staffScope: z.boolean(),
  /** Staff and viewers see phone numbers and e-mail addresses masked (138****1234). */
  maskContacts: z.boolean(),
  /** Lock the app after this many idle minutes; 0 = never. */
  idleLockMinutes: z.number().int().min(0).max(1440),
  /** The largest file that may be attached, in MB (MiB); checked before a byte of it is read. */
  attachmentMaxMb: z.number().int().min(1).max(ATTACHMENT_MAX_MB_CEILING),
});
export type Settings = z.infer<typeof Settings>;

export const settings = {
  'settings.get': method({ input: z.object({}), output: Settings, permission: 'signedIn' }),
  'settings.update': method({ input: Settings.partial(), output: Settings, permission: 'settings.manage' }),
};

export const settingsArea = defineArea({ methods: settings, auditEntities: ['settings'], auditActions: ['settings.update'] });
