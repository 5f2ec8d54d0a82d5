// Auto-matching a file's header row to the import's fields, from the words shops use in Chinese and
// English and every header an export writes (EXPORT_HEADERS, both languages: an exported file
// imports back without remapping). Header words are compared folded (width, case, spaces, "*"
// marks, punctuation); a remark in brackets ("手机（必填）") is ignored when the whole does not match.
import { EXPORT_HEADERS } from '../../../../../shared/api/exports.ts';
import { IMPORT_FIELDS, type ImportKind, type Mapping } from '../../../../../shared/api/imports.ts';
import type { TableRow } from '../read/types.ts';
import { folded } from './result.ts';

/** A header word compared with others: folded, lower case, no spaces, marks or punctuation. */
export function headerKey(text: string): string {
  return folded(text)
    .toLowerCase()
    .replace(/[\s*:：_\-.·/\\'"“”‘’#№]+/g, '');
}

function withoutRemarks(text: string): string {
  return text.replace(/[(（[【][^)）\]】]*[)）\]】]/g, '');
}

/** The words of each field beyond the export's own headers, most specific first. */
const CUSTOMER_WORDS: Record<(typeof IMPORT_FIELDS)['customers'][number], string[]> = {
  name: ['客户名称', '客户名', '客户', '公司名称', '公司', '企业名称', '企业', '单位名称', '单位', '名称', '客户姓名', '姓名', 'name', 'customer', 'customer name', 'company', 'company name'],
  kind: ['客户类型', '类型', '客户类别', '类别', 'kind', 'type', 'customer type'],
  industry: ['行业', '所属行业', '行业类别', 'industry'],
  region: ['地区', '区域', '所在地区', '省份', '城市', '省市', 'region', 'area', 'city'],
  address: ['地址', '详细地址', '联系地址', '公司地址', '通讯地址', '办公地址', 'address'],
  phone: ['电话', '联系电话', '座机', '固定电话', '公司电话', '客户电话', 'phone', 'tel', 'telephone', 'phone number'],
  email: ['邮箱', '电子邮箱', '电子邮件', '邮件', '客户邮箱', 'email', 'e-mail', 'mail'],
  website: ['网址', '网站', '主页', '官网', 'website', 'web', 'url', 'homepage'],
  grade: ['等级', '客户等级', '分级', '客户分级', '级别', '客户级别', 'grade', 'level', 'rating'],
  stage: ['阶段', '客户阶段', '生命周期阶段', '生命周期', '客户状态', 'stage', 'lifecycle stage', 'lifecycle'],
  size: ['规模', '企业规模', '公司规模', 'size', 'company size'],
  source: ['来源', '客户来源', '渠道', '获客渠道', 'source', 'lead source', 'channel'],
  notes: ['备注', '说明', '备注信息', '附注', 'notes', 'note', 'remarks', 'remark', 'comments', 'memo'],
  tags: ['标签', '客户标签', 'tags', 'tag', 'labels'],
  birthday: ['生日', '出生日期', '成立日期', '客户生日', 'birthday', 'date of birth', 'dob', 'founding date'],
  contactName: ['联系人', '联系人姓名', '联系人名称', 'contact', 'contact name', 'contact person'],
  contactTitle: ['联系人职务', '职务', '职位', '联系人职位', 'contact title', 'title', 'job title', 'position'],
  contactMobile: ['手机', '手机号', '手机号码', '移动电话', '联系人手机', '联系人手机号', 'mobile', 'mobile phone', 'cell', 'cellphone', 'contact mobile'],
  contactPhone: ['联系人电话', '办公电话', '联系人办公电话', 'contact phone', 'office phone', 'work phone'],
  contactEmail: ['联系人邮箱', '联系人电子邮箱', 'contact email', 'contact e-mail'],
  contactWechat: ['微信', '微信号', '联系人微信', 'wechat', 'weixin', 'wechat id'],
  contactBirthday: ['联系人生日', 'contact birthday'],
  ownerUsername: ['负责人账号', '负责人用户名', '负责员工账号', 'owner username', '负责人', '负责员工', '业务员', '销售', '销售人员', '客户经理', '所属员工', 'owner', 'responsible staff', 'sales rep', 'account manager'],
};

const CONTACT_WORDS: Record<(typeof IMPORT_FIELDS)['contacts'][number], string[]> = {
  customerCode: ['客户编号', '客户代码', '编号', 'customer code', 'code'],
  customerName: ['客户名称', '客户', '公司名称', '公司', '单位名称', '单位', 'customer', 'customer name', 'company'],
  contactName: ['姓名', '联系人', '联系人姓名', '名字', 'name', 'contact', 'contact name'],
  contactTitle: ['职务', '职位', '联系人职务', 'title', 'job title', 'position'],
  contactMobile: ['手机', '手机号', '手机号码', '移动电话', 'mobile', 'mobile phone', 'cell', 'cellphone'],
  contactPhone: ['电话', '办公电话', '联系电话', '座机', 'phone', 'tel', 'telephone', 'office phone'],
  contactEmail: ['邮箱', '电子邮箱', '电子邮件', 'email', 'e-mail', 'mail'],
  contactWechat: ['微信', '微信号', 'wechat', 'weixin'],
  contactBirthday: ['生日', '出生日期', 'birthday', 'date of birth', 'dob'],
};

const SALE_WORDS: Record<(typeof IMPORT_FIELDS)['sales'][number], string[]> = {
  soldOn: ['销售日期', '日期', '销售时间', '交易日期', '购买日期', '开单日期', 'date', 'sale date', 'sold on', 'order date'],
  receiptNo: ['单号', '销售单号', '订单号', '单据号', '小票号', '票号', '收据号', 'receipt no', 'receipt number', 'receipt', 'order no', 'order number', 'invoice no'],
  customerCode: ['客户编号', '客户代码', '编号', 'customer code', 'code'],
  customerName: ['客户名称', '客户', '客户名', '公司名称', '单位名称', 'customer', 'customer name', 'company'],
  product: ['产品', '商品', '服务', '产品/服务', '产品名称', '商品名称', '服务项目', '项目', '品名', 'product', 'item', 'service', 'product name', 'description'],
  quantity: ['数量', '件数', 'quantity', 'qty'],
  unitPrice: ['单价', '价格', '售价', 'unit price', 'price'],
  discount: ['折扣', '优惠', '折让', '折扣金额', '优惠金额', 'discount'],
  currency: ['币种', '货币', 'currency'],
  notes: ['备注', '说明', '附注', 'notes', 'note', 'remarks', 'memo'],
};

/** An export column's import field of the same meaning (contacts' export columns are named without "contact"). */
const EXPORT_COLUMN_FIELD: { [K in ImportKind]: Record<string, string> } = {
  customers: { ownerName: 'ownerUsername' },
  contacts: { name: 'contactName', title: 'contactTitle', mobile: 'contactMobile', phone: 'contactPhone', email: 'contactEmail', wechat: 'contactWechat', birthday: 'contactBirthday' },
  sales: {},
};

/** A header word's field, and how surely it names it: 0 the export's own header of that field, 1 any other word. */
type Named = { field: string; rank: 0 | 1 };
type Dictionary = { exact: Map<string, Named>; words: [string, string][] };

function dictionary(kind: ImportKind): Dictionary {
  const exact = new Map<string, Named>();
  const fields = IMPORT_FIELDS[kind] as readonly string[];
  // The export's own headers first: an exported file's columns are never taken by a looser word.
  const exported = EXPORT_HEADERS[kind] as Record<string, Record<string, string>>;
  for (const [column, words] of Object.entries(exported)) {
    const field = EXPORT_COLUMN_FIELD[kind][column] ?? column;
    if (!fields.includes(field)) continue;
    const rank = column === field ? 0 : 1;
    for (const word of Object.values(words)) if ((exact.get(headerKey(word))?.rank ?? 2) > rank) exact.set(headerKey(word), { field, rank });
  }
  const table = (kind === 'customers' ? CUSTOMER_WORDS : kind === 'contacts' ? CONTACT_WORDS : SALE_WORDS) as Record<string, string[]>;
  const words: [string, string][] = [];
  for (const field of fields) {
    for (const word of table[field] ?? []) {
      const key = headerKey(word);
      if (!exact.has(key)) exact.set(key, { field, rank: 1 });
      words.push([key, field]);
    }
  }
  // Longest first, for headers that contain a word ("客户手机号码" → 手机号码).
  words.sort((a, b) => b[0].length - a[0].length);
  return { exact, words };
}

const DICTIONARIES: { [K in ImportKind]?: Dictionary } = {};
const dictionaryOf = (kind: ImportKind) => (DICTIONARIES[kind] ??= dictionary(kind));

/** The field a header names on its own (exact word, or the word without its bracketed remark); null if none. */
export function fieldOfHeader(header: string, kind: ImportKind): string | null {
  return namedBy(header, kind)?.field ?? null;
}

function namedBy(header: string, kind: ImportKind): Named | undefined {
  const { exact } = dictionaryOf(kind);
  return exact.get(headerKey(header)) ?? exact.get(headerKey(withoutRemarks(header)));
}

/**
 * The mapping a header row suggests: each field gets the first column that is the export's own
 * header of it, else the first column that names it exactly (负责人账号 over 负责人 for the owner's
 * user name); then columns left over get a field whose word they contain (the longest such word,
 * two characters or more). A column feeds one field at most, a field takes one column. Fields with
 * no column: null.
 */
export function matchHeaders(headers: readonly string[], kind: ImportKind, headerRow = 1): Mapping {
  const columns: Record<string, number | null> = Object.fromEntries((IMPORT_FIELDS[kind] as readonly string[]).map((f) => [f, null]));
  const used = new Set<number>();
  for (const rank of [0, 1]) {
    headers.forEach((header, index) => {
      const named = namedBy(header, kind);
      if (named && named.rank === rank && columns[named.field] === null && !used.has(index)) {
        columns[named.field] = index;
        used.add(index);
      }
    });
  }
  const { words } = dictionaryOf(kind);
  headers.forEach((header, index) => {
    if (used.has(index)) return;
    const key = headerKey(withoutRemarks(header));
    if (key.length < 2) return;
    for (const [word, field] of words) {
      if (word.length >= 2 && key.includes(word) && columns[field] === null) {
        columns[field] = index;
        used.add(index);
        return;
      }
    }
  });
  return { headerRow, columns };
}

/**
 * The header's row: the first row with two or more non-empty cells of which one at least names a
 * field; else the first non-empty row; 1 for a file with none.
 */
export function findHeaderRow(rows: readonly TableRow[], kind: ImportKind): number {
  for (const row of rows) {
    const filled = row.cells.filter((c) => c.trim() !== '');
    if (filled.length >= 2 && filled.some((c) => fieldOfHeader(c, kind) !== null)) return row.row;
  }
  return rows.find((r) => r.cells.some((c) => c.trim() !== ''))?.row ?? 1;
}
