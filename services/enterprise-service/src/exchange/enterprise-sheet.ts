import { CellError, yesNo } from '@bizenv/common/exchange';
import type { CellValue, SheetColumn } from '@bizenv/common/spreadsheet';
import { EnterpriseScale, INDUSTRY_NAMES, IndustrySection, SCALE_NAMES } from '../enterprise/enterprise-enums.js';
import type { RegisterEnterpriseInput } from '../enterprise/enterprise-inputs.js';
import type { Enterprise } from '../enterprise/enterprise.entity.js';

/** 企业名录: one template for import and export, so an export can be imported elsewhere as it is. */
export const ENTERPRISE_COLUMNS = [
  { key: 'creditCode', header: '统一社会信用代码', required: true, aliases: ['社会信用代码', '信用代码'], width: 22 },
  { key: 'name', header: '企业名称', required: true, width: 36 },
  { key: 'regionCode', header: '所在地区划代码', required: true, aliases: ['行政区划代码', '区划代码'], width: 14 },
  { key: 'industry', header: '行业门类', width: 24 },
  { key: 'scale', header: '企业规模', width: 10 },
  { key: 'isKey', header: '重点企业', width: 10 },
  { key: 'isMonitoringPoint', header: '营商环境监测点', width: 14 },
  { key: 'inIncubationPool', header: '小升规培育库', width: 12 },
  { key: 'confirmReason', header: '校验位确认理由', width: 30 },
] as const satisfies readonly SheetColumn[];

type Key = (typeof ENTERPRISE_COLUMNS)[number]['key'];
const header = (key: Key) => ENTERPRISE_COLUMNS.find((column) => column.key === key)!.header;

/** Input fields of `registerEnterprise` → the column that holds them, for row errors. */
export const ENTERPRISE_FIELD_COLUMNS: Record<string, string> = {
  creditCode: header('creditCode'),
  name: header('name'),
  regionCode: header('regionCode'),
  'confirmInvalidCheck.reason': header('confirmReason'),
};

export const ENTERPRISE_REGION_COLUMN = header('regionCode');

const yes = (value: boolean) => (value ? '是' : '否');

/** "C", "c", "C 制造业" or "制造业". */
function industryOf(text: string): IndustrySection | null {
  if (!text) return null;
  const letter = /^([A-Ta-t])(?:$|[\s\-—:：、.．]+)/.exec(text)?.[1].toUpperCase();
  const byName = Object.entries(INDUSTRY_NAMES).find(([, name]) => name === text)?.[0];
  const section = (letter ?? byName) as IndustrySection | undefined;
  if (!section) throw new CellError(header('industry'), '行业门类应为 A–T 的门类字母或门类名称（国民经济行业分类）');
  return section;
}

function scaleOf(text: string): EnterpriseScale | null {
  if (!text) return null;
  const scale = (Object.keys(SCALE_NAMES) as EnterpriseScale[]).find((key) => key === text.toUpperCase() || SCALE_NAMES[key] === text || `${SCALE_NAMES[key]}企业` === text);
  if (!scale) throw new CellError(header('scale'), '企业规模应为大型、中型、小型或微型');
  return scale;
}

export function enterpriseRowToInput(values: Record<Key, string>): RegisterEnterpriseInput {
  return {
    creditCode: values.creditCode,
    name: values.name,
    regionCode: values.regionCode,
    industry: industryOf(values.industry),
    scale: scaleOf(values.scale),
    isKey: yesNo(values.isKey, header('isKey')),
    isMonitoringPoint: yesNo(values.isMonitoringPoint, header('isMonitoringPoint')),
    inIncubationPool: yesNo(values.inIncubationPool, header('inIncubationPool')),
    confirmInvalidCheck: values.confirmReason ? { reason: values.confirmReason } : null,
  };
}

export function enterpriseRow(enterprise: Enterprise, confirmReason: string | null): Record<Key, CellValue> {
  return {
    creditCode: enterprise.creditCode,
    name: enterprise.name,
    regionCode: enterprise.regionCode,
    industry: enterprise.industry ? `${enterprise.industry} ${INDUSTRY_NAMES[enterprise.industry]}` : null,
    scale: enterprise.scale ? SCALE_NAMES[enterprise.scale] : null,
    isKey: yes(enterprise.isKey),
    isMonitoringPoint: yes(Boolean(enterprise.isMonitoringPoint)),
    inIncubationPool: yes(Boolean(enterprise.inIncubationPool)),
    confirmReason,
  };
}
