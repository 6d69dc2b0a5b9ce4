import { DispatchStatus } from '@bizenv/common/closed-loop';
import { CellError, yesNo } from '@bizenv/common/exchange';
import { parseShanghaiTime, type CellValue, type SheetColumn, type SheetRow } from '@bizenv/common/spreadsheet';
import { Channel, ComplaintCategory } from '../complaint/complaint-enums.js';
import type { ReceiveComplaintInput } from '../complaint/complaint-inputs.js';
import type { Complaint } from '../complaint/complaint.entity.js';

/**
 * The 12345 export template: the columns a 12345 platform's 工单导出 has, under its Chinese
 * headers (aliases: what other platforms call them). 来电人 … 是否匿名 are the complainant's
 * identity: kept apart and encrypted like any intake, and never exported.
 */
export const IMPORT_COLUMNS = [
  { key: 'externalId', header: '受理编号', required: true, aliases: ['工单编号', '工单号'] },
  { key: 'receivedAt', header: '受理时间', required: true, aliases: ['来电时间', '登记时间'] },
  { key: 'channel', header: '渠道', required: true, aliases: ['受理渠道', '来源渠道'] },
  { key: 'category', header: '类别', required: true, aliases: ['投诉类别', '问题类别'] },
  { key: 'title', header: '标题', required: true, aliases: ['诉求标题'] },
  { key: 'content', header: '内容', required: true, aliases: ['诉求内容', '来电内容'] },
  { key: 'regionCode', header: '所属区域代码', required: true, aliases: ['区划代码', '事发地区划代码'] },
  { key: 'subjectUnitId', header: '被投诉单位编号' },
  { key: 'complainantName', header: '来电人', aliases: ['投诉人', '诉求人'] },
  { key: 'complainantPhone', header: '联系电话', aliases: ['来电号码'] },
  { key: 'complainantIdNumber', header: '身份证号码' },
  { key: 'enterpriseCreditCode', header: '企业统一社会信用代码', aliases: ['统一社会信用代码'] },
  { key: 'anonymous', header: '是否匿名' },
] as const satisfies readonly SheetColumn[];

export type ImportKey = (typeof IMPORT_COLUMNS)[number]['key'];

const header = (key: ImportKey) => IMPORT_COLUMNS.find((c) => c.key === key)!.header;

/** Names the platforms use for each channel; the enum's own name is accepted as well. */
export const CHANNEL_NAMES: Record<Channel, readonly string[]> = {
  HOTLINE_12345: ['12345政务服务便民热线', '12345热线', '12345'],
  HOTLINE_967788: ['967788非公有制企业维权热线', '967788热线', '967788'],
  MONITORING_POINT: ['营商环境监测点', '监测点'],
  MINXIN_WEB: ['民心网'],
  REPORT_PHONE: ['公开举报电话', '举报电话'],
  WECHAT: ['微信公众号', '微信'],
  UNDERCOVER_INSPECTION: ['明察暗访'],
};

export const CATEGORY_NAMES: Record<ComplaintCategory, readonly string[]> = {
  ASKING_FAVOURS: ['吃拿卡要'],
  BUCK_PASSING: ['推诿扯皮', '推拖绕', '中梗阻', '推诿扯皮、推拖绕、中梗阻'],
  ARBITRARY_CHARGES: ['乱收费', '乱罚款', '乱检查', '乱收费、乱罚款、乱检查'],
  BROKEN_PROMISES: ['新官不理旧账', '政策不兑现', '新官不理旧账、政策不兑现'],
  BLACK_INTERMEDIARY: ['黑中介'],
  IRREGULAR_ENFORCEMENT: ['执法不规范'],
  OTHER: ['其他'],
};

const STATUS_NAMES: Record<DispatchStatus, string> = {
  AWAITING_DISPATCH: '待转办',
  DISPATCHED: '已转办待签收',
  ACCEPTED: '已签收办理中',
  RETURNED: '已退回待重新转办',
  REPLIED: '已答复',
  CLOSED: '已办结',
};

function lookup<E extends string>(names: Record<E, readonly string[]>, text: string, key: ImportKey, what: string): E {
  for (const [value, labels] of Object.entries(names) as [E, readonly string[]][]) {
    if (value === text || labels.includes(text)) return value;
  }
  throw new CellError(header(key), `无法识别的${what}：${text || '（空）'}`);
}

const EXTERNAL_ID = /^[\p{L}\p{N}_\-./]{1,64}$/u;

/** A row of the template as the input of 受理, plus its 受理编号; cells that cannot be read throw CellError. */
export function rowToInput(row: SheetRow<ImportKey>): { externalId: string; input: ReceiveComplaintInput } {
  const v = row.values;
  if (!EXTERNAL_ID.test(v.externalId)) throw new CellError(header('externalId'), '受理编号应为1–64位字母、数字或 - _ . /');
  const receivedAt = parseShanghaiTime(v.receivedAt);
  if (!receivedAt) throw new CellError(header('receivedAt'), '受理时间格式应为"2026-03-02 09:15"');
  const input: ReceiveComplaintInput = {
    channel: lookup(CHANNEL_NAMES, v.channel, 'channel', '渠道'),
    category: lookup(CATEGORY_NAMES, v.category, 'category', '类别'),
    title: v.title,
    content: v.content,
    regionCode: v.regionCode,
    subjectUnitId: v.subjectUnitId || null,
    receivedAt,
  };
  const identity = [v.complainantName, v.complainantPhone, v.complainantIdNumber, v.enterpriseCreditCode];
  if (identity.some(Boolean) || v.anonymous) {
    Object.assign(input, {
      complainant: {
        anonymous: yesNo(v.anonymous, header('anonymous')),
        name: v.complainantName || null,
        phone: v.complainantPhone || null,
        idNumber: v.complainantIdNumber || null,
        enterpriseCreditCode: v.enterpriseCreditCode || null,
      },
    });
  }
  return { externalId: v.externalId, input };
}

/** Where an error of 受理's checks (`extensions.field`) lies in the sheet. */
export const FIELD_COLUMNS: Record<string, string> = {
  regionCode: header('regionCode'),
  subjectUnitId: header('subjectUnitId'),
  receivedAt: header('receivedAt'),
  title: header('title'),
  content: header('content'),
  complainant: header('complainantName'),
  'complainant.name': header('complainantName'),
  'complainant.phone': header('complainantPhone'),
  'complainant.idNumber': header('complainantIdNumber'),
  'complainant.enterpriseCreditCode': header('enterpriseCreditCode'),
  'complainant.anonymous': header('anonymous'),
};

/**
 * The ledger's columns: the import template's complaint columns (so an export can be imported
 * elsewhere) and where each complaint stands. No complainant column of any kind.
 */
export const EXPORT_COLUMNS = [
  { key: 'externalId', header: '受理编号', width: 20 },
  { key: 'receivedAt', header: '受理时间', width: 20 },
  { key: 'channel', header: '渠道', width: 22 },
  { key: 'category', header: '类别', width: 14 },
  { key: 'title', header: '标题', width: 30 },
  { key: 'content', header: '内容', width: 60 },
  { key: 'regionCode', header: '所属区域代码', width: 14 },
  { key: 'subjectUnitId', header: '被投诉单位编号', width: 38 },
  { key: 'id', header: '系统编号', width: 38 },
  { key: 'dispatchStatus', header: '转办状态', width: 16 },
  { key: 'unitId', header: '牵头单位编号', width: 38 },
  { key: 'replyDueAt', header: '答复期限', width: 20 },
  { key: 'closeDueAt', header: '办结期限', width: 20 },
  { key: 'overdue', header: '是否超期', width: 10 },
] as const satisfies readonly SheetColumn[];

export type ExportKey = (typeof EXPORT_COLUMNS)[number]['key'];

/** One ledger row; 受理编号 is the original platform's, or this system's id when it came in here. */
export function ledgerRow(complaint: Complaint, at: Date): Record<ExportKey, CellValue> {
  const overdue = complaint.dispatchStatus !== DispatchStatus.CLOSED && complaint.dueAt < at;
  return {
    externalId: complaint.externalId ?? complaint.id,
    receivedAt: complaint.receivedAt,
    channel: CHANNEL_NAMES[complaint.channel][0],
    category: CATEGORY_NAMES[complaint.category][0],
    title: complaint.title,
    content: complaint.content,
    regionCode: complaint.regionCode,
    subjectUnitId: complaint.subjectUnitId,
    id: complaint.id,
    dispatchStatus: STATUS_NAMES[complaint.dispatchStatus],
    unitId: complaint.unitId,
    replyDueAt: complaint.replyDueAt,
    closeDueAt: complaint.closeDueAt,
    overdue: overdue ? '是' : '否',
  };
}
