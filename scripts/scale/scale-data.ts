/**
 * What a province-sized data set looks like, as rows of the import templates people exchange
 * (the same columns a 12345 export, an enterprise registry or a task list has). Seeded: the same
 * seed and scale give the same rows (times count back from the moment of generation).
 */
import { creditCodeCheckChar, CREDIT_CODE_CHARSET } from '@bizenv/common/credit-code';
import { DEMO_CITY_CODE, DEMO_REGIONS } from '@bizenv/common/demo-city';
import { formatShanghaiTime } from '@bizenv/common/spreadsheet';
import type { seededRandom } from '@bizenv/common/seeded-random';

type Random = ReturnType<typeof seededRandom>;

/** The province at scale 1; the region tree is generated whole at every scale. */
export const FULL_SCALE = { complaints: 2_000_000, enterprises: 200_000, demands: 100_000, tasks: 50_000, problems: 50_000 };
export const COUNTIES = 100;
export const TOWNS = 1200;
export const HISTORY_DAYS = 3 * 365;
const DAY_MS = 86_400_000;

export interface RegionRow {
  code: string;
  name: string;
  level: 'DISTRICT' | 'TOWN';
  parentCode: string;
}

/**
 * Counties and towns added under the demo city until it has COUNTIES county-level regions and
 * TOWNS towns. A city's county codes are its prefix and two digits (01–99), so one city holds at
 * most 99: that is what it gets.
 */
export function regionTree(): RegionRow[] {
  const existing = new Set(DEMO_REGIONS.map((r) => r.code));
  const demoCounties = DEMO_REGIONS.filter((r) => r.parentCode === DEMO_CITY_CODE).length;
  const demoTowns = DEMO_REGIONS.filter((r) => r.level === 'TOWN').length;
  const codes: string[] = [];
  for (let n = 1; n <= 99 && demoCounties + codes.length < COUNTIES; n++) {
    const code = `${DEMO_CITY_CODE.slice(0, 4)}${String(n).padStart(2, '0')}`;
    if (!existing.has(code)) codes.push(code);
  }
  const towns = TOWNS - demoTowns;
  const rows: RegionRow[] = [];
  codes.forEach((code, i) => {
    rows.push({ code, name: `规模测试${i + 1}县`, level: 'DISTRICT', parentCode: DEMO_CITY_CODE });
    const count = Math.floor(towns / codes.length) + (i < towns % codes.length ? 1 : 0);
    for (let t = 1; t <= count; t++) rows.push({ code: `${code}${String(t).padStart(3, '0')}`, name: `规模测试${i + 1}县第${t}镇`, level: 'TOWN', parentCode: code });
  });
  return rows;
}

/** Every town of the city: the demo's and the generated ones. */
export function allTowns(generated: RegionRow[]): string[] {
  return [...DEMO_REGIONS.filter((r) => r.level === 'TOWN').map((r) => r.code), ...generated.filter((r) => r.level === 'TOWN').map((r) => r.code)];
}

const TRADES = ['科技', '制造', '商贸', '建设', '物流', '食品', '医药', '电子', '能源', '文化'];
const CHANNELS = { HOTLINE_12345: 70, HOTLINE_967788: 10, MONITORING_POINT: 6, MINXIN_WEB: 5, REPORT_PHONE: 4, WECHAT: 4, UNDERCOVER_INSPECTION: 1 };
const CATEGORIES = { ASKING_FAVOURS: 5, BUCK_PASSING: 30, ARBITRARY_CHARGES: 15, BROKEN_PROMISES: 15, BLACK_INTERMEDIARY: 5, IRREGULAR_ENFORCEMENT: 10, OTHER: 20 };
const TOPICS = ['企业开办', '施工许可', '不动产登记', '用电报装', '用水报装', '税费缴纳', '社保办理', '政府采购', '招标投标', '工程款支付', '执法检查', '窗口服务'];
const PROBLEMS = ['办理时间超过承诺时限', '材料被反复退回', '多个部门相互推诿', '收取无依据费用', '承诺事项未兑现', '窗口人员态度生硬', '重复检查', '政策不明确'];
const DETAILS = ['已往返窗口三次', '电话多次无人接听', '网上申报一直显示审核中', '要求补充的材料前后不一致', '工作人员称需领导批示', '被告知系统故障', '中介称可以加急', '至今没有书面答复', '影响企业按期投产', '已向其他渠道反映未果', '涉及金额约二十万元', '现场检查未出示证件'];
const ASKS = ['希望尽快办结', '请求督促相关部门依法办理', '要求说明收费依据', '请求兑现政策', '希望给予明确答复', '请求核查并规范'];

export interface ComplaintRow {
  externalId: string;
  receivedAt: Date;
  channel: string;
  category: string;
  title: string;
  content: string;
  regionCode: string;
}

/** One complaint of the 12345 export, received within the last three years. */
export function complaintRow(random: Random, index: number, towns: string[], at: number): ComplaintRow {
  const receivedAt = new Date(at - 60_000 - Math.floor(random.next() * HISTORY_DAYS * DAY_MS));
  const topic = random.pick(TOPICS);
  const problem = random.pick(PROBLEMS);
  return {
    externalId: `SC${String(index).padStart(9, '0')}`,
    receivedAt,
    channel: random.weighted(CHANNELS),
    category: random.weighted(CATEGORIES),
    title: `${topic}${problem}`,
    content: `${random.pick(TRADES)}企业反映${topic}${problem}，${random.pick(DETAILS)}，${random.pick(DETAILS)}（第${1 + Math.floor(random.next() * 9000)}号），${random.pick(ASKS)}。`,
    regionCode: random.pick(towns),
  };
}

export const COMPLAINT_HEADER = ['受理编号', '受理时间', '渠道', '类别', '标题', '内容', '所属区域代码'];

export function complaintCells(row: ComplaintRow): string[] {
  return [row.externalId, formatShanghaiTime(row.receivedAt), row.channel, row.category, row.title, row.content, row.regionCode];
}

/**
 * Where a complaint stands now, by its age: a month after receipt nearly all are closed; the
 * last weeks' are spread over the loop; a few old ones are still open (and overdue).
 */
export function finalStatus(random: Random, ageDays: number): string {
  if (ageDays > 90) return random.weighted({ CLOSED: 990, REPLIED: 3, ACCEPTED: 3, DISPATCHED: 1, RETURNED: 1, AWAITING_DISPATCH: 2 });
  if (ageDays > 30) return random.weighted({ CLOSED: 88, REPLIED: 5, ACCEPTED: 4, DISPATCHED: 1, RETURNED: 1, AWAITING_DISPATCH: 1 });
  return random.weighted({ CLOSED: 30, REPLIED: 20, ACCEPTED: 25, DISPATCHED: 12, RETURNED: 3, AWAITING_DISPATCH: 10 });
}

/** A valid 统一社会信用代码 (enterprise, 91…) registered in `countyCode`, unique per index. */
export function creditCode(countyCode: string, index: number): string {
  let organisation = '';
  for (let rest = index, i = 0; i < 9; i++, rest = Math.floor(rest / 31)) organisation = CREDIT_CODE_CHARSET[rest % 31] + organisation;
  const first17 = `91${countyCode}${organisation}`;
  return first17 + creditCodeCheckChar(first17);
}

export const ENTERPRISE_HEADER = ['统一社会信用代码', '企业名称', '所在地区划代码', '重点企业', '营商环境监测点', '小升规培育库'];


export function enterpriseCells(random: Random, index: number, towns: string[]): string[] {
  const town = random.pick(towns);
  const flag = (permille: number) => (random.next() * 1000 < permille ? '是' : '否');
  return [creditCode(town.slice(0, 6), index), `江湾${random.pick(TRADES)}${index}有限公司`, town, flag(50), flag(10), flag(30)];
}

export const TASK_HEADER = ['序号', '重点任务', '牵头单位', '完成时限', '区域代码'];

export function taskCells(random: Random, number: number, unitNames: string[], counties: string[], at: number): string[] {
  // Deadlines from a year ago to a year ahead: some overdue, some near, most later.
  const deadline = formatShanghaiTime(new Date(at + Math.floor((random.next() * 2 - 0.8) * 365 * DAY_MS))).slice(0, 10);
  return [String(number), `压缩${random.pick(TOPICS)}办理时限（第${number}项）`, random.pick(unitNames), deadline, random.pick(counties)];
}

export function csv(header: string[], rows: string[][]): string {
  const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [header, ...rows].map((cells) => cells.map(cell).join(',')).join('\n') + '\n';
}
