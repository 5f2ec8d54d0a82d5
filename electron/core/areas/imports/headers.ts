// Header row detection and the mapping a layout starts with. The header words are the reader's
// (values/ matchHeaders, helper-owned); until they land a small table of common Chinese and English
// headers stands in.
import { IMPORT_FIELDS, type ImportKind } from '../../../../shared/api/imports.ts';
import { textKey } from './keys.ts';

const WORDS: Record<string, readonly string[]> = {
  name: ['客户名称', '公司名称', '名称', '客户', '客户名', '姓名', 'name', 'customer', 'company', 'customername'],
  customerName: ['客户名称', '公司名称', '客户', 'customer', 'customername', 'company'],
  customerCode: ['客户编号', '编号', 'code', 'customercode'],
  kind: ['类型', '客户类型', 'kind', 'type'],
  industry: ['行业', 'industry'],
  region: ['地区', '区域', '城市', 'region', 'city'],
  address: ['地址', '详细地址', 'address'],
  phone: ['电话', '座机', '公司电话', 'phone', 'tel', 'telephone'],
  email: ['邮箱', '电子邮件', 'e-mail', 'email', 'mail'],
  website: ['网站', '网址', 'website', 'web'],
  grade: ['等级', '客户等级', '级别', 'grade', 'level'],
  stage: ['阶段', '状态', 'stage', 'status'],
  size: ['规模', 'size'],
  source: ['来源', '客户来源', 'source'],
  notes: ['备注', '说明', 'notes', 'note', 'remarks'],
  tags: ['标签', 'tags', 'tag'],
  birthday: ['生日', '成立日期', 'birthday'],
  contactName: ['联系人', '联系人姓名', 'contact', 'contactname'],
  contactTitle: ['职位', '职务', 'title', 'position'],
  contactMobile: ['手机', '手机号', '手机号码', '移动电话', 'mobile', 'cell'],
  contactPhone: ['联系人电话', 'contactphone'],
  contactEmail: ['联系人邮箱', 'contactemail'],
  contactWechat: ['微信', '微信号', 'wechat'],
  contactBirthday: ['联系人生日', 'contactbirthday'],
  ownerUsername: ['负责人', '负责人账号', '业务员', 'owner', 'ownerusername'],
};

/** Each field of `kind` → the first header that names it (by width-, case- and space-free comparison). */
export function autoMatch(headers: readonly string[], kind: ImportKind): Record<string, number | null> {
  const keys = headers.map((header) => textKey(header).replace(/[:：*]/g, ''));
  const taken = new Set<number>();
  const columns: Record<string, number | null> = {};
  for (const field of IMPORT_FIELDS[kind]) {
    const words = (WORDS[field] ?? []).map(textKey);
    const index = keys.findIndex((key, i) => !taken.has(i) && words.includes(key));
    columns[field] = index === -1 ? null : index;
    if (index !== -1) taken.add(index);
  }
  return columns;
}

/** The first row with two or more cells of which one is a known header; else the first non-empty row. */
export function findHeaderRow(rows: readonly { row: number; cells: string[] }[], kind: ImportKind): number | null {
  const filled = rows.filter((r) => r.cells.some((cell) => cell.trim() !== ''));
  const known = filled.find((r) => r.cells.filter((cell) => cell.trim() !== '').length >= 2 && Object.values(autoMatch(r.cells, kind)).some((c) => c !== null));
  return (known ?? filled[0])?.row ?? null;
}
