import type { DeadlineSource } from '@bizenv/common/deadline-watcher';
import type { Outbox } from '@bizenv/common/outbox';
import type { PeerClient } from '@bizenv/common/peer-client';
import type { WorkingCalendar } from '@bizenv/common/working-days';
import type { DataSource } from 'typeorm';
import { CampaignPhaseResolver, CampaignResolver, MilestoneResolver } from './campaign/campaign.resolver.js';
import { CampaignPhase } from './campaign/campaign-phase.entity.js';
import { resolveCampaignReference } from './campaign/campaign.reference.js';
import { CampaignService } from './campaign/campaign.service.js';
import { Campaign } from './campaign/campaign.entity.js';
import { RegionCampaignResolver } from './campaign/region-campaign.resolver.js';
import { CampaignsAndTargets1763900000002 } from './migrations/1763900000002-campaigns-and-targets.js';
import { ProgressReport } from './report/progress-report.entity.js';
import { ProgressReportResolver } from './report/progress-report.resolver.js';
import { ProgressReportService } from './report/progress-report.service.js';
import { SpecialActionUnit } from './special-action/special-action-unit.entity.js';
import { SpecialAction } from './special-action/special-action.entity.js';
import { SpecialActionResolver } from './special-action/special-action.resolver.js';
import { SpecialActionService } from './special-action/special-action.service.js';
import { TaskActual } from './task/task-actual.entity.js';
import { TaskActualService } from './task/task-actual.service.js';
import { TaskSheetResolver } from './task/task-sheet.resolver.js';
import { TaskSheetService } from './task/task-sheet.service.js';
import { SupervisedTaskUnit } from './task/task-unit.entity.js';
import { SupervisedTask } from './task/task.entity.js';
import { resolveTaskReference } from './task/task.reference.js';
import { TaskResolver } from './task/task.resolver.js';
import { TaskService } from './task/task.service.js';
import { RegionTasksAtStartOfDayResolver } from './task/tasks-at-start-of-day.resolver.js';
import { TasksAtStartOfDayService } from './task/tasks-at-start-of-day.service.js';
import { UnitTasksResolver } from './unit/unit-tasks.resolver.js';
import { unitDirectory } from './unit/unit-directory.js';
import { TaskChangeResolver } from './task/task-change.resolver.js';
import { TaskChangeService } from './task/task-change.service.js';
import { CampaignChangeResolver } from './campaign/campaign-change.resolver.js';
import { CampaignChangeService } from './campaign/campaign-change.service.js';
import { SpecialActionChangeResolver } from './special-action/special-action-change.resolver.js';
import { SpecialActionChangeService } from './special-action/special-action-change.service.js';
import { PlanChange } from './plan-change/plan-change.entity.js';
import { PlanChangeLog } from './plan-change/plan-change-log.js';
import { PlanChanges1763900000005 } from './migrations/1763900000005-plan-changes.js';

/**
 * Campaigns with their phases, special actions, the supervised tasks (重点任务) with targets and
 * actuals, progress reports and the task list's import and export; `subgraph.ts` spreads each
 * part into its definition.
 */
export interface PlanningDeps {
  tasks: TaskService;
  tasksAtStartOfDay: TasksAtStartOfDayService;
  campaigns: CampaignService;
  specialActions: SpecialActionService;
  reports: ProgressReportService;
  actuals: TaskActualService;
  sheets: TaskSheetService;
  taskChanges: TaskChangeService;
  campaignChanges: CampaignChangeService;
  specialActionChanges: SpecialActionChangeService;
  planChanges: PlanChangeLog;
}

export const PLANNING_RESOLVERS = [
  TaskResolver,
  TaskChangeResolver,
  TaskSheetResolver,
  RegionTasksAtStartOfDayResolver,
  CampaignResolver,
  CampaignChangeResolver,
  CampaignPhaseResolver,
  MilestoneResolver,
  RegionCampaignResolver,
  SpecialActionResolver,
  SpecialActionChangeResolver,
  ProgressReportResolver,
  UnitTasksResolver,
] as const;

export const PLANNING_ENTITIES = [SupervisedTask, SupervisedTaskUnit, TaskActual, Campaign, CampaignPhase, SpecialAction, SpecialActionUnit, ProgressReport, PlanChange];

export const PLANNING_MIGRATIONS = [CampaignsAndTargets1763900000002, PlanChanges1763900000005];

export const PLANNING_REFERENCES = {
  SupervisedTask: { __resolveReference: resolveTaskReference },
  Campaign: { __resolveReference: resolveCampaignReference },
};

export function planningDeps(dataSource: DataSource, outbox: Outbox, calendar: WorkingCalendar, peers: PeerClient): PlanningDeps {
  const campaigns = new CampaignService(dataSource, outbox);
  const specialActions = new SpecialActionService(dataSource, outbox, campaigns);
  const tasks = new TaskService(dataSource, outbox, campaigns, specialActions, calendar);
  return {
    tasks,
    tasksAtStartOfDay: new TasksAtStartOfDayService(dataSource),
    campaigns,
    specialActions,
    reports: new ProgressReportService(dataSource, outbox, campaigns),
    actuals: new TaskActualService(dataSource, outbox, tasks),
    sheets: new TaskSheetService(dataSource, outbox, tasks, campaigns, unitDirectory(peers)),
    taskChanges: new TaskChangeService(dataSource, outbox, tasks, campaigns),
    campaignChanges: new CampaignChangeService(dataSource, outbox, campaigns),
    specialActionChanges: new SpecialActionChangeService(dataSource, outbox, campaigns, specialActions),
    planChanges: new PlanChangeLog(dataSource),
  };
}

/** Tasks turning red, yellow or behind pace; progress reports going missing. */
export function planningDeadlines(deps: PlanningDeps): DeadlineSource[] {
  return [...deps.tasks.deadlines, deps.reports.deadlines];
}
