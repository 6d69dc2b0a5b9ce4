import { lightOf } from '@bizenv/common/lights';
import type { CellValue, SheetColumn } from '@bizenv/common/spreadsheet';
import { shanghaiDate } from '@bizenv/common/working-days';
import { LIGHTS } from '../task/task-sheet.js';
import { ProblemSource, ProblemStatus } from './problem-enums.js';
import type { Problem } from './problem.entity.js';

/** 整改台账 as a sheet: the four lists' columns, then where each problem stands. */
export const LEDGER_COLUMNS = [
  { key: 'title', header: '问题', width: 36 },
  { key: 'description', header: '具体表现', width: 40 },
  { key: 'cause', header: '原因', width: 36 },
  { key: 'measures', header: '整改措施', width: 40 },
  { key: 'responsibleUnit', header: '责任单位', width: 28 },
  { key: 'responsiblePersonId', header: '责任人编号', width: 38 },
  { key: 'timeLimit', header: '整改时限', width: 12 },
  { key: 'source', header: '来源', width: 12 },
  { key: 'sourceRef', header: '来源编号', width: 18 },
  { key: 'regionCode', header: '区域代码', width: 12 },
  { key: 'status', header: '整改状态', width: 12 },
  { key: 'light', header: '亮灯', width: 6 },
  { key: 'signOffRequestedAt', header: '整改完成申请时间', width: 20 },
  { key: 'closedAt', header: '销号时间', width: 20 },
  { key: 'id', header: '问题编号', width: 38 },
] as const satisfies readonly SheetColumn[];

type LedgerKey = (typeof LEDGER_COLUMNS)[number]['key'];

const STATUS_NAMES: Record<ProblemStatus, string> = { RECTIFYING: '整改中', AWAITING_SIGN_OFF: '待销号审核', SIGNED_OFF: '已销号' };
const SOURCE_NAMES: Record<ProblemSource, string> = {
  SELF_INSPECTION: '单位自查',
  COMPLAINT: '投诉举报',
  UNDERCOVER_INSPECTION: '明察暗访',
  SUPERVISION_CHECK: '督查检查',
  OTHER: '其他',
};

/** One ledger row; a unit is written by name when the caller gave its name, otherwise by id. */
export function ledgerRow(problem: Problem, unitNames: ReadonlyMap<string, string>, at: Date): Record<LedgerKey, CellValue> {
  const open = problem.status !== ProblemStatus.SIGNED_OFF;
  return {
    title: problem.title,
    description: problem.description,
    cause: problem.cause,
    measures: problem.measures,
    responsibleUnit: unitNames.get(problem.responsibleUnitId) ?? problem.responsibleUnitId,
    responsiblePersonId: problem.responsiblePersonId,
    timeLimit: shanghaiDate(problem.timeLimit),
    source: SOURCE_NAMES[problem.source],
    sourceRef: problem.sourceRef,
    regionCode: problem.regionCode,
    status: STATUS_NAMES[problem.status],
    light: open ? LIGHTS[lightOf({ dueAt: problem.timeLimit, yellowAt: problem.yellowAt }, at)] : null,
    signOffRequestedAt: problem.signOffRequestedAt,
    closedAt: problem.closedAt,
    id: problem.id,
  };
}
