import { randomUUID } from 'node:crypto';
import { now } from '@bizenv/common/clock';
import { shanghaiDate } from '@bizenv/common/working-days';
import type { Campaign } from '../campaign/campaign.entity.js';
import type { SupervisedTask } from '../task/task.entity.js';
import { periodsOverlapping, type ReportPeriod } from './report-period.js';
import { IsNull, MoreThan, type EntityManager } from 'typeorm';
import { ProgressReport } from './progress-report.entity.js';

function reportTitle(taskTitle: string, period: ReportPeriod): string {
  const suffix = `（${period.label}进度报告）`;
  const room = 200 - [...suffix].length;
  return [...taskTitle].slice(0, room).join('') + suffix;
}

/**
 * The reports a task's lead units owe: one per lead unit for every period of the campaign's
 * cadence from the task's start to the campaign's end (none without a cadence).
 */
export function reportObligations(
  task: Pick<SupervisedTask, 'id' | 'title' | 'regionCode' | 'startsAt'>,
  leadUnitIds: readonly string[],
  campaign: Pick<Campaign, 'id' | 'endsOn' | 'reportCadence'>,
  newId: (unitId: string, period: ReportPeriod) => string = () => randomUUID(),
): ProgressReport[] {
  const cadence = campaign.reportCadence;
  const from = shanghaiDate(task.startsAt ?? now());
  if (!cadence || from > campaign.endsOn) return [];
  return periodsOverlapping(cadence, from, campaign.endsOn).flatMap((period) =>
    leadUnitIds.map((unitId) => ({
      id: newId(unitId, period),
      taskId: task.id,
      campaignId: campaign.id,
      unitId,
      regionCode: task.regionCode,
      cadence,
      period: period.key,
      title: reportTitle(task.title, period),
      dueAt: period.dueAt,
      submittedAt: null,
      content: null,
      submitterId: null,
      submitterName: null,
    })),
  );
}

/**
 * After a task's lead units, start or title changed: the reports not yet due and not filed are
 * owed anew by the lead units it has now; those filed or already due stay as they were.
 */
export async function refreshReportObligations(
  manager: EntityManager,
  task: Pick<SupervisedTask, 'id' | 'title' | 'regionCode' | 'startsAt'>,
  leadUnitIds: readonly string[],
  campaign: Pick<Campaign, 'id' | 'endsOn' | 'reportCadence'>,
  at: Date,
): Promise<void> {
  await manager.delete(ProgressReport, { taskId: task.id, submittedAt: IsNull(), dueAt: MoreThan(at) });
  const kept = new Set((await manager.find(ProgressReport, { select: { unitId: true, period: true }, where: { taskId: task.id } })).map((r) => `${r.unitId}/${r.period}`));
  const owed = reportObligations(task, leadUnitIds, campaign).filter((r) => r.dueAt > at && !kept.has(`${r.unitId}/${r.period}`));
  for (let i = 0; i < owed.length; i += 200) await manager.insert(ProgressReport, owed.slice(i, i + 200));
}
