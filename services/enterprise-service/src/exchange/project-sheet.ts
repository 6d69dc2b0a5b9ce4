import { CellError, yesNo } from '@bizenv/common/exchange';
import type { CellValue, SheetColumn } from '@bizenv/common/spreadsheet';
import { formatWanYuan } from '../project/investment.js';
import { PROJECT_STAGE_NAMES, ProjectStage } from '../project/project-stage.js';
import type { CreateProjectInput } from '../project/project-inputs.js';
import type { Project } from '../project/project.entity.js';

/** 项目清单: one template for import and export. */
export const PROJECT_COLUMNS = [
  { key: 'name', header: '项目名称', required: true, width: 36 },
  { key: 'regionCode', header: '所在地区划代码', required: true, aliases: ['行政区划代码', '区划代码'], width: 14 },
  { key: 'enterpriseCreditCode', header: '企业统一社会信用代码', aliases: ['统一社会信用代码'], width: 22 },
  { key: 'stage', header: '项目阶段', width: 18 },
  { key: 'investment', header: '投资额（万元）', aliases: ['投资额(万元)', '投资额'], width: 14 },
  { key: 'isKey', header: '重点项目', width: 10 },
] as const satisfies readonly SheetColumn[];

type Key = (typeof PROJECT_COLUMNS)[number]['key'];
export const projectHeader = (key: Key) => PROJECT_COLUMNS.find((column) => column.key === key)!.header;

export const PROJECT_FIELD_COLUMNS: Record<string, string> = {
  name: projectHeader('name'),
  regionCode: projectHeader('regionCode'),
  enterpriseId: projectHeader('enterpriseCreditCode'),
  investmentWanYuan: projectHeader('investment'),
};

export const PROJECT_REGION_COLUMN = projectHeader('regionCode');

/** "项目洽谈" or NEGOTIATION; empty is 项目储备. */
function stageOf(text: string): ProjectStage {
  if (!text) return ProjectStage.RESERVE;
  const stage = (Object.keys(PROJECT_STAGE_NAMES) as ProjectStage[]).find((key) => key === text.toUpperCase() || PROJECT_STAGE_NAMES[key] === text);
  if (!stage) throw new CellError(projectHeader('stage'), `项目阶段应为${Object.values(PROJECT_STAGE_NAMES).join('、')}之一`);
  return stage;
}

/** The row as `createProject` input; the enterprise is named by credit code and looked up by the caller. */
export function projectRowToInput(values: Record<Key, string>, enterpriseId: string | null): CreateProjectInput {
  return {
    name: values.name,
    regionCode: values.regionCode,
    enterpriseId,
    stage: stageOf(values.stage),
    investmentWanYuan: values.investment || null,
    isKey: yesNo(values.isKey, projectHeader('isKey')),
    helpTeam: [],
  };
}

export function projectRow(project: Project, enterpriseCreditCode: string | null): Record<Key, CellValue> {
  return {
    name: project.name,
    regionCode: project.regionCode,
    enterpriseCreditCode,
    stage: PROJECT_STAGE_NAMES[project.stage],
    investment: project.investmentYuan === null ? null : formatWanYuan(project.investmentYuan),
    isKey: project.isKey ? '是' : '否',
  };
}
