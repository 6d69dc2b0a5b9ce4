import { randomUUID } from 'node:crypto';
import { now } from '@bizenv/common/clock';
import { shanghaiDate } from '@bizenv/common/working-days';
import type { Campaign } from '../campaign/campaign.entity.js';
import type { SupervisedTask } from '../task/task.entity.js';
import { periodsOverlapping, type ReportPeriod } from './report-period.js';
import type { ProgressReport } from './progress-report.entity.js';

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
