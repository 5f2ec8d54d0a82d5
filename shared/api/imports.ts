// Import from the files shops keep (Excel workbooks, CSV and text files in UTF-8, GBK/GB18030 or
// UTF-16): the caller stages the file once (shared/api/files.ts, purpose 'import') and hands the same
// FileRef to inspect, preview and run. Inspect sniffs format, encoding and sheet, finds the header
// row and proposes a mapping (the one saved for this layout when there is one); preview checks every
// row as the form would and counts what a run would do; run does it, all in one transaction, and
// records a batch that can be undone as a whole. Row numbers are the file's own (1-based, blank
// lines counted), as Excel and Notepad show them.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { Id } from './customers.ts';
import { Download, FileRef } from './files.ts';
import { method } from './method.ts';

/**
 * What one row of the file becomes: a customer (with at most one contact and its tags), a contact
 * of an existing customer, or one line of a sale (rows with the same receipt number, customer and
 * day are one sale; a row without a receipt number is a sale of its own).
 */
export const IMPORT_KINDS = ['customers', 'contacts', 'sales'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The target fields of each kind, in the order the mapping step lists them. */
export const IMPORT_FIELDS = {
  customers: [
    'name',
    'kind',
    'industry',
    'region',
    'address',
    'phone',
    'email',
    'website',
    'grade',
    'stage',
    'size',
    'source',
    'notes',
    'tags',
    'birthday',
    'contactName',
    'contactTitle',
    'contactMobile',
    'contactPhone',
    'contactEmail',
    'contactWechat',
    'contactBirthday',
    /** The responsible staff member's user name; empty or no such column: the importer when they can own customers (a manager's import: unassigned unless named). */
    'ownerUsername',
  ],
  /** A contact attached to an existing customer, found by its code or else by its exact name. */
  contacts: ['customerCode', 'customerName', 'contactName', 'contactTitle', 'contactMobile', 'contactPhone', 'contactEmail', 'contactWechat', 'contactBirthday'],
  /**
   * A sale line of an existing customer (found by its code, else by its exact name). Quantity to
   * thousandths, unit price and discount (an amount off the line, not a percentage) in the currency's
   * minor units, all read as exact decimals; currency empty or no column: CNY.
   */
  sales: ['soldOn', 'receiptNo', 'customerCode', 'customerName', 'product', 'quantity', 'unitPrice', 'discount', 'currency', 'notes'],
} as const satisfies Record<ImportKind, readonly string[]>;
export type ImportField<K extends ImportKind = ImportKind> = (typeof IMPORT_FIELDS)[K][number];

/** Fields a mapping must give a column (contacts: also customerCode or customerName, at least one). */
export const REQUIRED_IMPORT_FIELDS = {
  customers: ['name'],
  contacts: ['contactName'],
  sales: ['soldOn', 'product', 'quantity', 'unitPrice'],
} as const satisfies { [K in ImportKind]: readonly ImportField<K>[] };

export function isImportField(kind: ImportKind, field: string): boolean {
  return (IMPORT_FIELDS[kind] as readonly string[]).includes(field);
}

export const TABLE_FORMATS = ['csv', 'xlsx', 'xls'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];
/** Text encodings a CSV/TXT file may be in; gb18030 covers GBK. Detection: BOM, then strict UTF-8, then GB18030. */
export const TEXT_ENCODINGS = ['utf8', 'utf8bom', 'gb18030', 'utf16le', 'utf16be'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** How a row is matched against existing customers and earlier rows of the same file. Phone: the customer's phone or the contact's mobile or phone, normalised (spaces, dashes, +86/0086, full-width digits). */
export const MATCH_ON = ['phone', 'email', 'nameAddress'] as const;
export type MatchOn = (typeof MATCH_ON)[number];
export const ON_DUPLICATE = ['skip', 'update', 'create'] as const;
export type OnDuplicate = (typeof ON_DUPLICATE)[number];
/** skipRow: rows with errors are left out (and given back as a CSV); abort: any row error and nothing is written. */
export const ON_ERROR = ['skipRow', 'abort'] as const;
export type OnError = (typeof ON_ERROR)[number];

/** The most rows a file may have (past it: VALIDATION reason 'tooManyRows', details.limit). */
export const IMPORT_MAX_ROWS = 200_000;
/** A cell longer than this (Excel's own cap) is a row error 'tooLong'. */
export const IMPORT_MAX_CELL = 32_767;
/** How many row errors preview and run give back (errorCount says how many there were). */
export const IMPORT_ERRORS_SHOWN = 1_000;
/** How many checked rows preview gives back. */
export const IMPORT_SAMPLE_ROWS = 200;
/** The furthest row the header may be on (a header further down is no table's header). */
export const IMPORT_MAX_HEADER_ROW = 1000;

/** How many rows after the header inspect gives back. */
export const IMPORT_INSPECT_ROWS = 20;

/**
 * Why one row is refused (a row error's code; every one has a sentence in both languages):
 * required (empty where a value is needed), tooLong, date (not a date, nor an Excel serial day),
 * phone, email, website, number, grade, kind, stage, size, scientific (a phone Excel wrote as
 * 1.38E+10: digits lost), tags (a tag too long, too many), owner (no active user by that name who
 * can own customers), customer (contacts: no customer with that code or name), ambiguous (contacts:
 * several customers with that name; or the update policy matched several customers), lunarDate,
 * invalid (anything else the customer form would refuse).
 */
export const IMPORT_ROW_CODES = [
  'required',
  'tooLong',
  'date',
  'phone',
  'email',
  'website',
  'number',
  'grade',
  'kind',
  'stage',
  'size',
  'scientific',
  'tags',
  'owner',
  'customer',
  'ambiguous',
  'lunarDate',
  'invalid',
  /** Sales: a currency code this app does not know. */
  'currency',
  /** Sales: a line whose discount is more than its amount, or a sale whose total is past the limit. */
  'amount',
] as const;
export type ImportRowCode = (typeof IMPORT_ROW_CODES)[number];

/**
 * Why a whole file (or the request about it) is refused: VALIDATION details `{ reason, row?, limit? }`.
 * fileType: neither text nor a workbook; encoding: a byte sequence invalid in the chosen encoding (row);
 * tooManyRows (limit); workbook: a workbook that cannot be read (damaged, encrypted, or its zip would
 * unpack past the limits: limit in bytes); sheet: no such sheet; empty: no rows; headerRow: past the
 * file's last row; mapping: a field not of this kind, a column past the header, a column mapped twice,
 * or a required field without a column.
 */
export const IMPORT_REFUSALS = ['fileType', 'encoding', 'tooManyRows', 'workbook', 'sheet', 'empty', 'headerRow', 'mapping'] as const;
export type ImportRefusal = (typeof IMPORT_REFUSALS)[number];

export const ImportKindSchema = z.enum(IMPORT_KINDS);

/** Which column (0-based index into the header row) feeds each target field; null or absent: none. */
export const Mapping = z.object({
  /** The header's row number in the file (1-based); data rows are those after it. */
  headerRow: z.number().int().min(1),
  columns: z.record(z.string().max(40), z.number().int().min(0).max(16_383).nullable()),
});
export type Mapping = z.infer<typeof Mapping>;

const FileOptions = {
  file: FileRef,
  kind: ImportKindSchema,
  /** Overrides the detected encoding (text files only). */
  encoding: z.enum(TEXT_ENCODINGS).optional(),
  /** A workbook's sheet by name; absent: the first visible one. */
  sheet: z.string().max(200).optional(),
};

export const ImportRowError = z.object({
  row: z.number().int().min(1),
  /** The target field (IMPORT_FIELDS); '' for the row as a whole. */
  field: z.string(),
  code: z.enum(IMPORT_ROW_CODES),
  /** The cell as the file has it (shortened to 200 characters). */
  value: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const IMPORT_ACTIONS = ['create', 'update', 'skip', 'error'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

export const ImportInspection = z.object({
  format: z.enum(TABLE_FORMATS),
  /** The encoding used (the override, else the detected one); null for workbooks. */
  encoding: z.enum(TEXT_ENCODINGS).nullable(),
  detectedEncoding: z.enum(TEXT_ENCODINGS).nullable(),
  sheets: z.array(z.object({ name: z.string(), hidden: z.boolean() })),
  sheet: z.string().nullable(),
  headerRow: z.number().int().min(1),
  headers: z.array(z.string()),
  /** The first rows after the header, as the file shows them. */
  sample: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
  /** The saved mapping for this layout when there is one, else the auto-matched one. */
  mapping: Mapping,
  mappingSaved: z.boolean(),
  /** The layout's key (a hash of the kind and the normalised headers). */
  layout: z.string(),
});
export type ImportInspection = z.infer<typeof ImportInspection>;

export const ImportRequest = z.object({
  ...FileOptions,
  mapping: Mapping,
  matchOn: z.enum(MATCH_ON).default('phone'),
  onDuplicate: z.enum(ON_DUPLICATE).default('skip'),
});
export type ImportRequest = z.input<typeof ImportRequest>;

export const ImportPreview = z.object({
  /** Data rows (blank lines not counted). */
  rows: z.number().int(),
  valid: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  skip: z.number().int(),
  /** Sales imports: how many lines the sales to create hold (`create` counts the sales). */
  lines: z.number().int().optional(),
  errors: z.array(ImportRowError),
  errorCount: z.number().int(),
  sampleRows: z.array(
    z.object({ row: z.number().int(), values: z.record(z.string(), z.string()), action: z.enum(IMPORT_ACTIONS) }),
  ),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  /** Sales imports: the lines of the sales created (`created` counts the sales). */
  lines: z.number().int().optional(),
  errors: z.array(ImportRowError),
  errorCount: z.number().int(),
  /** The batch to undo; null when nothing was written. */
  batch: Id.nullable(),
  /** The rejected rows with their original cells and an error column, UTF-8 with BOM; null when none. */
  rejected: Download.nullable(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ImportBatch = z.object({
  id: Id,
  kind: ImportKindSchema,
  fileName: z.string(),
  createdAt: z.number().int(),
  createdBy: z.object({ id: Id, name: z.string() }),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  errorCount: z.number().int(),
  undoneAt: z.number().int().nullable(),
  /** Not undone yet and the caller may undo it (whether something was edited since is checked by undo itself). */
  undoable: z.boolean(),
});
export type ImportBatch = z.infer<typeof ImportBatch>;

export const imports = {
  /** Format, encoding, sheets, header row, the first rows and a proposed mapping. */
  'imports.inspect': method({
    input: z.object({
      ...FileOptions,
      /** The header's row (the file's own 1-based number) as the user chose it; absent: detected. Headers, sample and mapping follow it. */
      headerRow: z.number().int().min(1).max(IMPORT_MAX_HEADER_ROW).optional(),
    }),
    output: ImportInspection,
    permission: 'data.import',
  }),
  /** Checks every row and counts what a run with these choices would do (job 'import'; nothing written). */
  'imports.preview': method({ input: ImportRequest, output: ImportPreview, permission: 'data.import' }),
  /** Imports in one transaction (job 'import'; cancel or failure: nothing written); audited 'import.run'. */
  'imports.run': method({
    input: ImportRequest.extend({
      onError: z.enum(ON_ERROR).default('skipRow'),
      /** The caller's language: the rejected rows' error column is written in it. */
      language: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
    }),
    output: ImportResult,
    permission: 'data.import',
  }),
  /** Import batches, newest first. */
  'imports.list': method({
    input: z.object({ cursor: z.string().max(200).nullable().default(null), limit: z.number().int().min(1).max(100).default(50) }),
    output: z.object({ rows: z.array(ImportBatch), nextCursor: z.string().nullable() }),
    permission: 'data.import',
  }),
  /**
   * Undoes a batch as a whole: the customers (contacts) it created go for good, those it updated get
   * their old values back. CONFLICT 'editedSince' (details.customers) when any was changed since or
   * got records of its own; CONFLICT 'undone' when undone already. Audited 'import.undo'.
   */
  'imports.undo': method({
    input: z.object({ batch: Id }),
    output: z.object({ removed: z.number().int(), restored: z.number().int() }),
    permission: 'data.import',
  }),
};

export const importsArea = defineArea({ methods: imports, auditEntities: ['import'], auditActions: ['import.run', 'import.undo'] });
