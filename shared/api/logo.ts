// The shop logo: shown in the app bar to everyone signed in (later printed on visit sheets);
// chosen and removed by those who manage the shop's settings. The file comes through the file
// channel (shared/api/files.ts, purpose 'logo'): a PNG or JPEG, judged by its content.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { Download, FILE_PURPOSES, FileRef } from './files.ts';
import { method } from './method.ts';

export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
export const LOGO_MAX_BYTES = FILE_PURPOSES.logo.maxBytes;

/**
 * Why a logo is refused (details.reason of the failure): VALIDATION 'empty' (no bytes), 'type' (by
 * its content neither PNG nor JPEG), 'image' (a PNG or JPEG that is damaged or cut short);
 * TOO_LARGE (details.limit); NOT_FOUND 'upload' (the staged file expired); CORRUPT 'blob' (the
 * stored logo no longer matches its hash).
 */
export const LOGO_REFUSALS = ['empty', 'type', 'image'] as const;

/** The logo as a download for the caller's session (an <img> source through the door). */
export const Logo = Download.extend({ width: z.number().int().positive(), height: z.number().int().positive() });
export type Logo = z.infer<typeof Logo>;

export const logo = {
  'logo.get': method({ input: z.object({}), output: z.object({ logo: Logo.nullable() }), permission: 'signedIn' }),
  'logo.set': method({ input: z.object({ file: FileRef }), output: z.object({ logo: Logo }), permission: 'settings.manage' }),
  'logo.remove': method({ input: z.object({}), output: z.object({ removed: z.boolean() }), permission: 'settings.manage' }),
};

export const logoArea = defineArea({ methods: logo, auditEntities: ['settings'], auditActions: ['settings.logo'] });
