// Export: a list as the caller sees it on screen (same filter, scope and masking) to a CSV or an
// .xlsx file the caller downloads. The column words live here, in both languages, because the
// import side must recognise them as headers: an exported file imports back without remapping.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { method } from './method.ts';
import { CustomerFilters, Id, SORTS } from './customers.ts';
import { ContractFilters, CONTRACT_SORTS } from './contracts.ts';
import { RecordQuery } from './records.ts';
import { SurveyQuery } from './surveys.ts';
import { Download } from './files.ts';
import { SaleFilters } from './sales.ts';

export const EXPORT_ENTITIES = ['customers', 'contacts', 'contracts', 'records', 'surveys', 'sales', 'pointsLedger', 'eventAttendees'] as const;
export type ExportEntity = (typeof EXPORT_ENTITIES)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** UTF-8 with a BOM (Excel 2010+ opens it correctly), or GB18030 (a superset of GBK) for old Excel. */
export const CSV_ENCODINGS = ['utf8bom', 'gb18030'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];
export const EXPORT_LANGUAGES = ['zh-CN', 'en-US'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

/** The list pages' queries without their paging (an export takes every row the filter gives, in the list's order). */
const CustomerListFilter = CustomerFilters.extend({ sort: z.enum(SORTS).default('name'), direction: z.enum(['asc', 'desc']).default('asc') });
const ContractListFilter = ContractFilters.extend({ sort: z.enum(CONTRACT_SORTS).default('end'), direction: z.enum(['asc', 'desc']).default('asc') });
const RecordListFilter = RecordQuery.omit({ after: true, limit: true });
const SurveyListFilter = SurveyQuery.omit({ after: true, limit: true });

const common = {
  format: z.enum(EXPORT_FORMATS),
  /** CSV only; .xlsx is always Unicode. */
  encoding: z.enum(CSV_ENCODINGS).default('utf8bom'),
  /** The caller's language: headers and the words of coded values (grade, stage, ...). */
  language: z.enum(EXPORT_LANGUAGES).default('zh-CN'),
};

/**
 * `filter` is that entity's list query as its list page sends it (cursor and limit may be sent and
 * are ignored). Contacts have no list of their own: their filter is the customers list's, and the
 * file holds every contact of those customers.
 */
export const ExportInput = z.discriminatedUnion('entity', [
  z.object({ entity: z.literal('customers'), filter: CustomerListFilter.default({ sort: 'name', direction: 'asc' }), ...common }),
  z.object({ entity: z.literal('contacts'), filter: CustomerListFilter.default({ sort: 'name', direction: 'asc' }), ...common }),
  z.object({ entity: z.literal('contracts'), filter: ContractListFilter.default({ sort: 'end', direction: 'asc' }), ...common }),
  z.object({ entity: z.literal('records'), filter: RecordListFilter.default({}), ...common }),
  z.object({ entity: z.literal('surveys'), filter: SurveyListFilter.default({}), ...common }),
  /** One row per sale line, newest sale first (the sales list's order); cursor and limit are ignored. */
  z.object({ entity: z.literal('sales'), filter: SaleFilters.default({ deleted: false }), ...common }),
  /** One row per points ledger entry of the members the caller sees (one customer's when named), by customer then entry. */
  z.object({ entity: z.literal('pointsLedger'), filter: z.object({ customerId: Id.optional() }).default({}), ...common }),
  /** One row per invitation of one customer event (those of customers the caller sees), in the invitations list's order (customer name). */
  z.object({ entity: z.literal('eventAttendees'), filter: z.object({ eventId: Id }), ...common }),
]);
export type ExportInput = z.input<typeof ExportInput>;

/** Each entity's columns, in file order (surveys add one score column per rating dimension after these, headed by its name). */
export const EXPORT_COLUMNS = {
  customers: [
    'code', 'name', 'kind', 'industry', 'region', 'address', 'phone', 'email', 'website', 'grade', 'stage', 'source', 'size',
    'ownerName', 'ownerUsername', 'birthday', 'birthdayCalendar', 'notes', 'tags',
    'contactName', 'contactTitle', 'contactMobile', 'contactPhone', 'contactEmail', 'contactWechat', 'contactBirthday', 'createdAt', 'updatedAt',
  ],
  contacts: ['customerCode', 'customerName', 'name', 'title', 'mobile', 'phone', 'email', 'wechat', 'decisionMaker', 'birthday', 'birthdayCalendar'],
  contracts: ['number', 'title', 'customerCode', 'customerName', 'type', 'status', 'amount', 'currency', 'signedOn', 'startOn', 'endOn', 'ownerName', 'notes'],
  records: ['customerCode', 'customerName', 'kind', 'at', 'staffName', 'phase', 'serviceKind', 'status', 'channel', 'durationMinutes', 'contractNumber', 'content', 'result', 'followUpOn'],
  surveys: ['customerCode', 'customerName', 'at', 'staffName', 'channel', 'nps', 'comment'],
  // receiptNo is the sale's number: the lines of one sale share it, so the file imports back as the same sales.
  eventAttendees: ['customerCode', 'customerName', 'grade', 'contactName', 'contactPhone', 'reply', 'repliedAt', 'attended'],
  sales: ['soldOn', 'receiptNo', 'customerCode', 'customerName', 'product', 'quantity', 'unitPrice', 'discount', 'amount', 'currency', 'contractNumber', 'staffName', 'notes'],
  pointsLedger: ['customerCode', 'customerName', 'onDay', 'kind', 'points', 'expiresOn', 'reason', 'createdBy'],
} as const satisfies Record<ExportEntity, readonly string[]>;
export type ExportColumn<E extends ExportEntity> = (typeof EXPORT_COLUMNS)[E][number];

type Words = { 'zh-CN': string; 'en-US': string };

/**
 * The header words, per entity and column, in both languages. The import's header matcher
 * recognises every one of them (for customers: as the import field of the same name; contact
 * columns as contactName, contactMobile, ...).
 */
export const EXPORT_HEADERS: { [E in ExportEntity]: Record<ExportColumn<E>, Words> } = {
  customers: {
    code: { 'zh-CN': '客户编号', 'en-US': 'Customer code' },
    name: { 'zh-CN': '客户名称', 'en-US': 'Name' },
    kind: { 'zh-CN': '客户类型', 'en-US': 'Customer type' },
    industry: { 'zh-CN': '行业', 'en-US': 'Industry' },
    region: { 'zh-CN': '地区', 'en-US': 'Region' },
    address: { 'zh-CN': '地址', 'en-US': 'Address' },
    phone: { 'zh-CN': '电话', 'en-US': 'Phone' },
    email: { 'zh-CN': '邮箱', 'en-US': 'E-mail' },
    website: { 'zh-CN': '网址', 'en-US': 'Website' },
    grade: { 'zh-CN': '等级', 'en-US': 'Grade' },
    stage: { 'zh-CN': '阶段', 'en-US': 'Stage' },
    source: { 'zh-CN': '来源', 'en-US': 'Source' },
    size: { 'zh-CN': '规模', 'en-US': 'Size' },
    ownerName: { 'zh-CN': '负责人', 'en-US': 'Owner' },
    ownerUsername: { 'zh-CN': '负责人账号', 'en-US': 'Owner username' },
    birthday: { 'zh-CN': '生日', 'en-US': 'Birthday' },
    birthdayCalendar: { 'zh-CN': '历法', 'en-US': 'Calendar' },
    notes: { 'zh-CN': '备注', 'en-US': 'Notes' },
    tags: { 'zh-CN': '标签', 'en-US': 'Tags' },
    contactName: { 'zh-CN': '联系人', 'en-US': 'Contact' },
    contactTitle: { 'zh-CN': '联系人职务', 'en-US': 'Contact title' },
    contactMobile: { 'zh-CN': '手机', 'en-US': 'Mobile' },
    contactPhone: { 'zh-CN': '联系人电话', 'en-US': 'Contact phone' },
    contactEmail: { 'zh-CN': '联系人邮箱', 'en-US': 'Contact e-mail' },
    contactWechat: { 'zh-CN': '微信', 'en-US': 'WeChat' },
    contactBirthday: { 'zh-CN': '联系人生日', 'en-US': 'Contact birthday' },
    createdAt: { 'zh-CN': '创建时间', 'en-US': 'Created' },
    updatedAt: { 'zh-CN': '更新时间', 'en-US': 'Updated' },
  },
  contacts: {
    customerCode: { 'zh-CN': '客户编号', 'en-US': 'Customer code' },
    customerName: { 'zh-CN': '客户名称', 'en-US': 'Customer' },
    name: { 'zh-CN': '姓名', 'en-US': 'Name' },
    title: { 'zh-CN': '职务', 'en-US': 'Job title' },
    mobile: { 'zh-CN': '手机', 'en-US': 'Mobile' },
    phone: { 'zh-CN': '电话', 'en-US': 'Phone' },
    email: { 'zh-CN': '邮箱', 'en-US': 'E-mail' },
    wechat: { 'zh-CN': '微信', 'en-US': 'WeChat' },
    decisionMaker: { 'zh-CN': '关键决策人', 'en-US': 'Decision maker' },
    birthday: { 'zh-CN': '生日', 'en-US': 'Birthday' },
    birthdayCalendar: { 'zh-CN': '历法', 'en-US': 'Calendar' },
  },
  contracts: {
    number: { 'zh-CN': '合同编号', 'en-US': 'Contract number' },
    title: { 'zh-CN': '合同名称', 'en-US': 'Title' },
    customerCode: { 'zh-CN': '客户编号', 'en-US': 'Customer code' },
    customerName: { 'zh-CN': '客户名称', 'en-US': 'Customer' },
    type: { 'zh-CN': '合同类型', 'en-US': 'Type' },
    status: { 'zh-CN': '状态', 'en-US': 'Status' },
    amount: { 'zh-CN': '金额', 'en-US': 'Amount' },
    currency: { 'zh-CN': '币种', 'en-US': 'Currency' },
    signedOn: { 'zh-CN': '签订日期', 'en-US': 'Signed' },
    startOn: { 'zh-CN': '开始日期', 'en-US': 'Starts' },
    endOn: { 'zh-CN': '到期日期', 'en-US': 'Ends' },
    ownerName: { 'zh-CN': '负责人', 'en-US': 'Owner' },
    notes: { 'zh-CN': '备注', 'en-US': 'Notes' },
  },
  records: {
    customerCode: { 'zh-CN': '客户编号', 'en-US': 'Customer code' },
    customerName: { 'zh-CN': '客户名称', 'en-US': 'Customer' },
    kind: { 'zh-CN': '记录类型', 'en-US': 'Record type' },
    at: { 'zh-CN': '日期时间', 'en-US': 'Date and time' },
    staffName: { 'zh-CN': '负责人员', 'en-US': 'Staff member' },
    phase: { 'zh-CN': '阶段', 'en-US': 'Phase' },
    serviceKind: { 'zh-CN': '服务类型', 'en-US': 'Service type' },
    status: { 'zh-CN': '状态', 'en-US': 'Status' },
    channel: { 'zh-CN': '沟通方式', 'en-US': 'Channel' },
    durationMinutes: { 'zh-CN': '时长（分钟）', 'en-US': 'Duration (minutes)' },
    contractNumber: { 'zh-CN': '合同编号', 'en-US': 'Contract number' },
    content: { 'zh-CN': '内容', 'en-US': 'Content' },
    result: { 'zh-CN': '处理结果', 'en-US': 'Result' },
    followUpOn: { 'zh-CN': '下次跟进日期', 'en-US': 'Follow-up date' },
  },
  surveys: {
    customerCode: { 'zh-CN': '客户编号', 'en-US': 'Customer code' },
    customerName: { 'zh-CN': '客户名称', 'en-US': 'Customer' },
    at: { 'zh-CN': '日期时间', 'en-US': 'Date and time' },
    staffName: { 'zh-CN': '服务人员', 'en-US': 'Staff member' },
    channel: { 'zh-CN': '调查方式', 'en-US': 'Channel' },
    nps: { 'zh-CN': 'NPS', 'en-US': 'NPS' },
    comment: { 'zh-CN': '意见', 'en-US': 'Comment' },
  },
  eventAttendees: {
    customerCode: { 'zh-CN': '客户编号', 'en-US': 'Customer code' },
    customerName: { 'zh-CN': '客户名称', 'en-US': 'Customer' },
    grade: { 'zh-CN': '客户等级', 'en-US': 'Grade' },
    contactName: { 'zh-CN': '联系人', 'en-US': 'Contact' },
    contactPhone: { 'zh-CN': '联系电话', 'en-US': 'Phone' },
    reply: { 'zh-CN': '回复', 'en-US': 'Reply' },
    repliedAt: { 'zh-CN': '回复时间', 'en-US': 'Replied at' },
    attended: { 'zh-CN': '出席', 'en-US': 'Attended' },
  },
  pointsLedger: {
    customerCode: { 'zh-CN': '客户编号', 'en-US': 'Customer code' },
    customerName: { 'zh-CN': '客户名称', 'en-US': 'Customer' },
    onDay: { 'zh-CN': '日期', 'en-US': 'Day' },
    kind: { 'zh-CN': '类型', 'en-US': 'Kind' },
    points: { 'zh-CN': '积分', 'en-US': 'Points' },
    expiresOn: { 'zh-CN': '失效日期', 'en-US': 'Expires on' },
    reason: { 'zh-CN': '原因', 'en-US': 'Reason' },
    createdBy: { 'zh-CN': '操作人', 'en-US': 'By' },
  },
  sales: {
    soldOn: { 'zh-CN': '销售日期', 'en-US': 'Date' },
    receiptNo: { 'zh-CN': '单号', 'en-US': 'Receipt no.' },
    customerCode: { 'zh-CN': '客户编号', 'en-US': 'Customer code' },
    customerName: { 'zh-CN': '客户名称', 'en-US': 'Customer' },
    product: { 'zh-CN': '产品/服务', 'en-US': 'Product' },
    quantity: { 'zh-CN': '数量', 'en-US': 'Quantity' },
    unitPrice: { 'zh-CN': '单价', 'en-US': 'Unit price' },
    discount: { 'zh-CN': '折扣', 'en-US': 'Discount' },
    amount: { 'zh-CN': '金额', 'en-US': 'Amount' },
    currency: { 'zh-CN': '币种', 'en-US': 'Currency' },
    contractNumber: { 'zh-CN': '合同编号', 'en-US': 'Contract number' },
    staffName: { 'zh-CN': '销售人员', 'en-US': 'Sold by' },
    notes: { 'zh-CN': '备注', 'en-US': 'Notes' },
  },
};

/**
 * The words an export writes for coded values (the same as the app shows), per value list. The
 * import's cell parsers accept these as well as the codes themselves.
 */
export const EXPORT_VALUES = {
  kind: { company: { 'zh-CN': '企业', 'en-US': 'Company' }, person: { 'zh-CN': '个人', 'en-US': 'Person' } },
  grade: {
    vip: { 'zh-CN': 'VIP客户', 'en-US': 'VIP' },
    key: { 'zh-CN': '重点客户', 'en-US': 'Key' },
    normal: { 'zh-CN': '普通客户', 'en-US': 'Normal' },
    potential: { 'zh-CN': '潜力客户', 'en-US': 'Potential' },
  },
  stage: {
    lead: { 'zh-CN': '线索', 'en-US': 'Lead' },
    new: { 'zh-CN': '新客户', 'en-US': 'New' },
    active: { 'zh-CN': '活跃', 'en-US': 'Active' },
    dormant: { 'zh-CN': '休眠', 'en-US': 'Dormant' },
    lost: { 'zh-CN': '流失', 'en-US': 'Lost' },
  },
  size: {
    micro: { 'zh-CN': '微型', 'en-US': 'Micro' },
    small: { 'zh-CN': '小型', 'en-US': 'Small' },
    medium: { 'zh-CN': '中型', 'en-US': 'Medium' },
    large: { 'zh-CN': '大型', 'en-US': 'Large' },
  },
  calendar: { gregorian: { 'zh-CN': '公历', 'en-US': 'Gregorian' }, lunar: { 'zh-CN': '农历', 'en-US': 'Lunar' } },
  yesNo: { yes: { 'zh-CN': '是', 'en-US': 'Yes' }, no: { 'zh-CN': '否', 'en-US': 'No' } },
  contractType: {
    sales: { 'zh-CN': '销售合同', 'en-US': 'Sales' },
    service: { 'zh-CN': '服务合同', 'en-US': 'Service' },
    framework: { 'zh-CN': '框架协议', 'en-US': 'Framework' },
    nda: { 'zh-CN': '保密协议', 'en-US': 'NDA' },
    other: { 'zh-CN': '其他', 'en-US': 'Other' },
  },
  contractStatus: {
    draft: { 'zh-CN': '草稿', 'en-US': 'Draft' },
    active: { 'zh-CN': '生效中', 'en-US': 'Active' },
    expiring: { 'zh-CN': '即将到期', 'en-US': 'Expiring' },
    expired: { 'zh-CN': '已到期', 'en-US': 'Expired' },
    terminated: { 'zh-CN': '已终止', 'en-US': 'Terminated' },
    renewed: { 'zh-CN': '已续约', 'en-US': 'Renewed' },
  },
  recordKind: { service: { 'zh-CN': '服务记录', 'en-US': 'Service record' }, communication: { 'zh-CN': '沟通记录', 'en-US': 'Communication' } },
  recordPhase: { presale: { 'zh-CN': '售前', 'en-US': 'Pre-sale' }, insale: { 'zh-CN': '售中', 'en-US': 'In-sale' }, aftersale: { 'zh-CN': '售后', 'en-US': 'After-sale' } },
  serviceKind: {
    installation: { 'zh-CN': '安装', 'en-US': 'Installation' },
    repair: { 'zh-CN': '维修', 'en-US': 'Repair' },
    maintenance: { 'zh-CN': '保养', 'en-US': 'Maintenance' },
    consultation: { 'zh-CN': '咨询', 'en-US': 'Consultation' },
    training: { 'zh-CN': '培训', 'en-US': 'Training' },
    other: { 'zh-CN': '其他', 'en-US': 'Other' },
  },
  recordStatus: { open: { 'zh-CN': '未完成', 'en-US': 'Open' }, done: { 'zh-CN': '已完成', 'en-US': 'Done' } },
  recordChannel: {
    phone: { 'zh-CN': '电话', 'en-US': 'Phone' },
    email: { 'zh-CN': '邮件', 'en-US': 'E-mail' },
    meeting: { 'zh-CN': '会议', 'en-US': 'Meeting' },
    visit: { 'zh-CN': '拜访', 'en-US': 'Visit' },
    wechat: { 'zh-CN': '微信', 'en-US': 'WeChat' },
    other: { 'zh-CN': '其他', 'en-US': 'Other' },
  },
  eventReply: {
    pending: { 'zh-CN': '未回复', 'en-US': 'No reply yet' },
    yes: { 'zh-CN': '参加', 'en-US': 'Yes' },
    no: { 'zh-CN': '不参加', 'en-US': 'No' },
    maybe: { 'zh-CN': '待定', 'en-US': 'Maybe' },
  },
  surveyChannel: {
    phone: { 'zh-CN': '电话', 'en-US': 'Phone' },
    visit: { 'zh-CN': '上门', 'en-US': 'Visit' },
    wechat: { 'zh-CN': '微信', 'en-US': 'WeChat' },
    paper: { 'zh-CN': '纸质问卷', 'en-US': 'Paper form' },
  },
} as const satisfies Record<string, Record<string, Words>>;

/**
 * A birthday in one cell as an export writes it: a Gregorian one is a plain date (a date cell in
 * .xlsx); a lunar one is its stored text after the calendar's word, `农历 2020-04L-03` /
 * `Lunar 1990-08-15`, since the same digits name another day in the other calendar.
 */
export function exportedBirthday(date: string, calendar: 'gregorian' | 'lunar', language: ExportLanguage): string {
  return calendar === 'lunar' && date !== '' ? `${EXPORT_VALUES.calendar.lunar[language]} ${date}` : date;
}

/**
 * The lunar date in a cell `exportedBirthday` wrote (either language's word, any case, with or
 * without the space), or null when the cell does not begin with a calendar word (a plain date:
 * Gregorian, parsed as any date cell).
 */
export function lunarBirthdayOf(cell: string): string | null {
  const text = cell.trim();
  for (const word of Object.values(EXPORT_VALUES.calendar.lunar)) {
    if (text.toLowerCase().startsWith(word.toLowerCase())) return text.slice(word.length).trim();
  }
  return null;
}

/** Tags in one cell, joined by this (the import splits on it among others). */
export const EXPORT_TAG_SEPARATOR = '、';

export const exportMethods = {
  /**
   * Writes the rows of `entity` that `filter` gives the caller (their scope; phones, e-mails and
   * WeChat IDs masked for roles that see them masked) to a file to download. Job 'export' (progress
   * in rows, `total` 0 when not known ahead: contacts, records, surveys; jobs.cancel stops it and
   * nothing is given out). Audited as `export.run`.
   */
  'exports.run': method({ input: ExportInput, output: z.object({ download: Download, rows: z.number().int() }), permission: 'data.export' }),
};

export const exportsArea = defineArea({ methods: exportMethods, auditEntities: ['export'], auditActions: ['export.run'] });

/** The input of exports.run, as callers build it. */
export type ExportRunInput = ExportInput;
