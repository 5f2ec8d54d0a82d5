// Files through every door. A method that takes a file names one the caller staged first (in
// browser mode the page streams it to POST /api/upload?purpose=...; the Electron app and the CLI
// hand the core a path the user chose); a method that gives a file answers a download the door
// streams back (GET /api/download/<id>). The purposes below say, for every door alike, who may
// stage a file for what and how large it may be; the core enforces them.
import { z } from 'zod';
import type { Access } from '../roles.ts';
import type { Settings } from './settings.ts';
import { defineArea } from './area.ts';
import { method } from './method.ts';

export const MiB = 1024 * 1024;

export const FILE_PURPOSES = {
  /** The shop logo (Settings; the app bar, later visit sheets): a PNG or JPEG. */
  logo: { maxBytes: 2 * MiB, permission: 'settings.manage' },
  /** Files kept with customers and contracts (attachments, the next area); today they can be previewed. */
  attachment: { maxBytes: 512 * MiB, permission: 'customers.write' },
  /** A customer list to import (.csv, .txt, .xlsx, .xls); inspect, preview and run read the same staged file. */
  import: { maxBytes: 200 * MiB, permission: 'data.import' },
} as const satisfies Record<string, { maxBytes: number; permission: Access }>;
export type FilePurpose = keyof typeof FILE_PURPOSES;
export const FILE_PURPOSE_NAMES = Object.keys(FILE_PURPOSES) as [FilePurpose, ...FilePurpose[]];

export function isFilePurpose(name: string): name is FilePurpose {
  return Object.hasOwn(FILE_PURPOSES, name);
}

/**
 * The largest file of `purpose` this shop takes, in bytes: the purpose's ceiling, lowered for
 * attachments by the owner's setting (attachmentMaxMb). The core checks it before reading a byte
 * (the declared size, the file's size) and while storing; the UI before uploading.
 */
export function maxBytesFor(purpose: FilePurpose, settings: Pick<Settings, 'attachmentMaxMb'>): number {
  const ceiling = FILE_PURPOSES[purpose].maxBytes;
  return purpose === 'attachment' ? Math.min(ceiling, settings.attachmentMaxMb * MiB) : ceiling;
}

/** Upload and download ids: 128 random bits, base64url. */
const FileId = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

/** How a method's input names a file the caller staged. */
export const FileRef = z.object({ upload: FileId });
export type FileRef = z.infer<typeof FileRef>;

/** A staged file, as the door that staged it gets it back. */
export const Upload = z.object({
  upload: FileId,
  purpose: z.enum(FILE_PURPOSE_NAMES),
  name: z.string(),
  size: z.number().int().min(0),
  /** Sniffed from the content, never from the name. */
  type: z.string(),
  sha256: z.string().length(64),
});
export type Upload = z.infer<typeof Upload>;

/**
 * A file the core gives out, for this session only and for a while (DOWNLOAD_LIFETIME_MS): the
 * door streams it from GET /api/download/<download> (browser mode) or its own protocol.
 */
export const Download = z.object({
  download: FileId,
  name: z.string(),
  type: z.string(),
  size: z.number().int().min(0),
  sha256: z.string().length(64),
});
export type Download = z.infer<typeof Download>;

export const DOWNLOAD_LIFETIME_MS = 60 * 60 * 1000;
/** A staged file not used by then is removed. */
export const UPLOAD_LIFETIME_MS = 60 * 60 * 1000;

export const files = {
  /** A file the caller staged, to look at before using it (the logo's preview; an attachment's). */
  'files.preview': method({ input: z.object({ file: FileRef }), output: Download, permission: 'signedIn' }),
};

export const filesArea = defineArea({ methods: files, auditEntities: [], auditActions: [] });
