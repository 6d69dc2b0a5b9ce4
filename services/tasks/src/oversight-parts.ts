import type { DeadlineSource } from '@bizenv/common/deadline-watcher';
import type { Outbox } from '@bizenv/common/outbox';
import type { WorkingCalendar } from '@bizenv/common/working-days';
import type { DataSource } from 'typeorm';
import { EvaluationResolver, FocusUnitResolver } from './evaluation/evaluation.resolver.js';
import { EvaluationService } from './evaluation/evaluation.service.js';
import { FocusUnit } from './evaluation/focus-unit.entity.js';
import { ProblemResolver } from './ledger/ledger.resolver.js';
import { LedgerService } from './ledger/ledger.service.js';
import { ProblemTimelineEntry } from './ledger/problem-timeline-entry.entity.js';
import { Problem } from './ledger/problem.entity.js';
import { SelfInspectionReportResolver } from './ledger/report.resolver.js';
import { SelfInspectionReport } from './ledger/self-inspection-report.entity.js';
import { UnitProblemsResolver } from './ledger/unit-problems.resolver.js';
import { LedgerSupervisionEvaluation1763900000003 } from './migrations/1763900000003-ledger-supervision-evaluation.js';
import { AdmonishingTalk } from './supervision/admonishing-talk.entity.js';
import { AdmonishingTalkResolver } from './supervision/admonishing-talk.resolver.js';
import { AdmonishingTalkService } from './supervision/admonishing-talk.service.js';
import { BulletinEntry } from './supervision/bulletin-entry.entity.js';
import { Bulletin } from './supervision/bulletin.entity.js';
import { BulletinEntryResolver, BulletinResolver } from './supervision/bulletin.resolver.js';
import { BulletinService } from './supervision/bulletin.service.js';
import { SupervisionStep } from './supervision/supervision-step.entity.js';
import { Supervision } from './supervision/supervision.entity.js';
import {
  ProblemSupervisionsResolver,
  SupervisionResolver,
  SupervisionStepResolver,
  TaskSupervisionsResolver,
} from './supervision/supervision.resolver.js';
import { SupervisionService } from './supervision/supervision.service.js';

/**
 * What 一报告四清单 and the ledger (销号), escalating supervision (督办, 通报, 约谈) and evaluation
 * (考评) add to the tasks subgraph; `subgraph.ts` spreads each part into its definition.
 */
export interface OversightDeps {
  ledger: LedgerService;
  supervision: SupervisionService;
  bulletins: BulletinService;
  talks: AdmonishingTalkService;
  evaluation: EvaluationService;
}

export const OVERSIGHT_RESOLVERS = [
  ProblemResolver,
  SelfInspectionReportResolver,
  UnitProblemsResolver,
  SupervisionResolver,
  SupervisionStepResolver,
  TaskSupervisionsResolver,
  ProblemSupervisionsResolver,
  BulletinResolver,
  BulletinEntryResolver,
  AdmonishingTalkResolver,
  EvaluationResolver,
  FocusUnitResolver,
] as const;

export const OVERSIGHT_ENTITIES = [SelfInspectionReport, Problem, ProblemTimelineEntry, Supervision, SupervisionStep, Bulletin, BulletinEntry, AdmonishingTalk, FocusUnit];

export const OVERSIGHT_MIGRATIONS = [LedgerSupervisionEvaluation1763900000003];

export function oversightDeps(dataSource: DataSource, outbox: Outbox, calendar: WorkingCalendar): OversightDeps {
  return {
    ledger: new LedgerService(dataSource, outbox, calendar),
    supervision: new SupervisionService(dataSource, outbox, calendar),
    bulletins: new BulletinService(dataSource, outbox),
    talks: new AdmonishingTalkService(dataSource, outbox),
    evaluation: new EvaluationService(dataSource, outbox),
  };
}

/** Problems turning yellow and red, supervisions missing their response deadline. */
export function oversightDeadlines(deps: OversightDeps): DeadlineSource[] {
  return [...deps.ledger.deadlines, deps.supervision.deadlines];
}
