// Files kept with customers, contracts and service records (owner kind 'service': a record's id). A file comes in
// through the file channel (shared/api/files.ts, purpose 'attachment'), then `attachments.add`
// keeps it with its owner; the bytes live in the encrypted blob store, stored once however often
// they are attached. A caller sees the attachments of the customers they may see (the staff-scope
// setting); staff delete only the files they added. Each row carries `actions`, what the core
// would allow this caller, so the UI offers only those.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { Id } from './customers.ts';
import { Download, FILE_PURPOSES, FileRef, MiB } from './files.ts';
import { method } from './method.ts';

export const ATTACHMENT_OWNER_KINDS = ['customer', 'contract', 'service'] as const;
export type AttachmentOwnerKind = (typeof ATTACHMENT_OWNER_KINDS)[number];

/**
 * The types the app shows inside itself (images, PDF, plain text); every other type shows its
 * name, size and type and offers "Save a copy". The type is sniffed from the content by the core
 * (text/plain: valid UTF-8 or GB18030 without NUL bytes at the start), never taken from the name.
 */
export const PREVIEW_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'] as const;
export type PreviewType = (typeof PREVIEW_TYPES)[number];

export function isPreviewType(type: string): type is PreviewType {
  return (PREVIEW_TYPES as readonly string[]).includes(type);
}

/** The attachment limit's bounds in MB (the owner's setting attachmentMaxMb; its ceiling is the purpose's). */
export const ATTACHMENT_MAX_MB_DEFAULT = 100;
export const ATTACHMENT_MAX_MB_CEILING = FILE_PURPOSES.attachment.maxBytes / MiB;

/** Names are cleaned by the core (electron/core/files/file-names.ts); this is their length in characters. */
export const ATTACHMENT_NAME_MAX = 255;
export const ATTACHMENT_DESCRIPTION_MAX = 2000;

/**
 * Why an attachment is refused (details.reason): VALIDATION 'empty' (a 0-byte file), 'name' (a
 * name that is nothing once cleaned); NOT_FOUND 'owner' (no such customer or contract the caller
 * may see, or it is in the recycle bin), 'upload' (the staged file expired); TOO_LARGE
 * (details.limit, bytes); CORRUPT 'blob' (the stored bytes no longer match their hash).
 */
export const ATTACHMENT_REFUSALS = ['empty', 'name'] as const;

export const AttachmentOwner = z.object({ kind: z.enum(ATTACHMENT_OWNER_KINDS), id: Id });
export type AttachmentOwner = z.infer<typeof AttachmentOwner>;

export const AttachmentActions = z.object({ edit: z.boolean(), delete: z.boolean(), saveCopy: z.boolean() });
export type AttachmentActions = z.infer<typeof AttachmentActions>;

const Description = z.string().trim().max(ATTACHMENT_DESCRIPTION_MAX);
/** A name as the user types it (a pasted 1,000-character name too); the core cleans and shortens it as it does an uploaded file's name. */
const NameInput = z.string().trim().min(1).max(2000);
const Version = z.number().int().min(1);

export const Attachment = z.object({
  id: Id,
  owner: AttachmentOwner,
  name: z.string(),
  description: z.string(),
  size: z.number().int().min(0),
  /** Sniffed from the content, never from the name. */
  type: z.string(),
  sha256: z.string().length(64),
  createdAt: z.number().int(),
  createdByName: z.string().nullable(),
  updatedAt: z.number().int(),
  deletedAt: z.number().int().nullable(),
  version: z.number().int(),
  actions: AttachmentActions,
});
export type Attachment = z.infer<typeof Attachment>;

export const DamagedAttachment = z.object({ id: Id, name: z.string(), owner: AttachmentOwner, customerName: z.string() });
export type DamagedAttachment = z.infer<typeof DamagedAttachment>;

const IdInput = z.object({ id: Id });

export const attachments = {
  /** The owner's files, newest first; `deleted: true` lists the owner's recycle bin instead. */
  'attachments.list': method({
    input: z.object({ owner: AttachmentOwner, deleted: z.boolean().default(false) }),
    output: z.object({ rows: z.array(Attachment) }),
    permission: 'customers.read',
  }),
  /** Keeps a file the caller staged (purpose 'attachment') with its owner. */
  'attachments.add': method({
    input: z.object({ owner: AttachmentOwner, file: FileRef, description: Description.default('') }),
    output: Attachment,
    permission: 'customers.write',
  }),
  /** The bytes, for the in-app preview. */
  'attachments.preview': method({ input: IdInput, output: Download, permission: 'customers.read' }),
  /** The bytes, to save where the user chooses (audited 'attachment.saveCopy'). */
  'attachments.saveCopy': method({ input: IdInput, output: Download, permission: 'data.export' }),
  'attachments.update': method({
    input: z.object({ id: Id, version: Version, name: NameInput, description: Description }),
    output: Attachment,
    permission: 'customers.write',
  }),
  'attachments.delete': method({ input: z.object({ id: Id, version: Version }), output: Attachment, permission: 'customers.delete' }),
  'attachments.restore': method({ input: IdInput, output: Attachment, permission: 'customers.delete' }),
  /** Gone for good; the stored bytes go with the last attachment holding them. */
  'attachments.purge': method({ input: IdInput, output: z.object({ id: Id }), permission: 'customers.purge' }),
  /** Re-hashes every stored attachment and names each damaged one. */
  'attachments.verify': method({
    input: z.object({}),
    output: z.object({ checked: z.number().int(), damaged: z.array(DamagedAttachment) }),
    permission: 'system.check',
  }),
};

export const attachmentsArea = defineArea({
  methods: attachments,
  auditEntities: ['attachment'],
  auditActions: ['attachment.add', 'attachment.saveCopy', 'attachment.update', 'attachment.delete', 'attachment.restore', 'attachment.purge'],
});
