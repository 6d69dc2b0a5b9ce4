import 'reflect-metadata';
import { DEFAULT_PROTECTION_DAYS, requireIdentityKeys } from '@bizenv/common/config';
import { FieldCipher, type FieldKeys } from '@bizenv/common/field-crypto';
import { buildFederatedSchema } from '@bizenv/common/schema';
import type { SubgraphDefinition } from '@bizenv/common/subgraph';
import { AuditEntry } from '@bizenv/common/audit-entry.entity';
import { AuditLogReader } from '@bizenv/common/audit-read';
import { IdentityAuditResolver } from './audit/identity-audit.resolver.js';
import { AuditAddress1763900000020 } from './migrations/1763900000020-audit-address.js';
import { ClueTransfer } from './clue/clue-transfer.entity.js';
import { ClueTransferResolver, ComplaintClueResolver } from './clue/clue.resolver.js';
import { ClueService } from './clue/clue.service.js';
import { resolveComplaintReference } from './complaint/complaint.reference.js';
import { ComplaintResolver } from './complaint/complaint.resolver.js';
import { ComplaintTimelineResolver } from './complaint/complaint-timeline.resolver.js';
import { ComplaintTimelineEntry } from './complaint/complaint-timeline-entry.entity.js';
import { Complaint } from './complaint/complaint.entity.js';
import { ComplaintService } from './complaint/complaint.service.js';
import { Initial1763900000000 } from './migrations/1763900000000-initial.js';
import { ComplaintTally1763900000001 } from './migrations/1763900000001-complaint-tally.js';
import { ComplaintEventLog1763900000002 } from './migrations/1763900000002-complaint-event-log.js';
import { ComplaintListIndexes1763900000003 } from './migrations/1763900000003-complaint-list-indexes.js';
import { ProtectionAndDiscipline1763900000005 } from './migrations/1763900000005-protection-and-discipline.js';
import { resolveEnterpriseReference } from './enterprise/enterprise.reference.js';
import { EnterpriseProtectionResolver } from './enterprise/enterprise.resolver.js';
import { EnterpriseProtectionService } from './enterprise/enterprise-protection.service.js';
import { Enterprise } from './enterprise/enterprise.js';
import { ComplainantRecord } from './identity/complainant-record.entity.js';
import { ComplainantResolver } from './identity/complainant.resolver.js';
import { ComplainantService } from './identity/complainant.service.js';
import { resolveRegionReference } from './region/region.reference.js';
import { RegionComplaintsResolver } from './region/region.resolver.js';
import { seedComplaints } from './seed.js';
import { CoHandlingResolver, TimelineCoUnitsResolver } from './co-units/co-handling.resolver.js';
import { CoHandlingService } from './co-units/co-handling.service.js';
import { ComplaintCoUnit } from './co-units/complaint-co-unit.entity.js';
import { ComplaintDuplicate } from './duplicate/complaint-duplicate.entity.js';
import { ComplaintMerge } from './duplicate/complaint-merge.entity.js';
import { ComplaintDuplicateResolver, ComplaintDuplicatesResolver } from './duplicate/duplicate.resolver.js';
import { DuplicateService } from './duplicate/duplicate.service.js';
import { ComplaintExchangeResolver } from './exchange/complaint-exchange.resolver.js';
import { ComplaintExchangeService } from './exchange/complaint-exchange.service.js';
import { DuplicatesUnitsStats1763900000006 } from './migrations/1763900000006-duplicates-units-stats.js';
import { ComplaintSubjectUnit1763900000007 } from './migrations/1763900000007-complaint-subject-unit.js';
import { ComplaintOpenIndex1763900000030 } from './migrations/1763900000030-complaint-open-index.js';
import { ComplaintStatsFieldsResolver, RegionUnitRankingResolver, UnitComplaintRankingResolver, UnitComplaintStatsResolver } from './stats/complaint-stats.resolver.js';
import { ComplaintStatsService } from './stats/complaint-stats.service.js';
import { RegionComplaintTrendResolver } from './stats/complaint-trend.resolver.js';
import { ComplaintTrendService } from './stats/complaint-trend.service.js';
import { RegionComplaintsAtStartOfDayResolver } from './stats/start-of-day.resolver.js';
import { StartOfDayService } from './stats/start-of-day.service.js';
import { ComplaintEventLogAtIndex1763900000041 } from './migrations/1763900000041-complaint-event-log-at-index.js';
import { ComplaintDayTally1763900000040 } from './migrations/1763900000040-complaint-day-tally.js';
import { IdempotencyKeys1763900000050 } from './migrations/1763900000050-idempotency-keys.js';
import { IdempotencyRecord } from '@bizenv/common/idempotency-record.entity';
import { resolveUnitReference } from './unit/unit.reference.js';
import { CalendarFollower } from '@bizenv/common/calendar-follower';
import { CalendarYearRecord } from '@bizenv/common/calendar-year';
import { bundledSchedules, WorkingCalendar } from '@bizenv/common/working-days';
import { ComplaintDeadlineResolver } from './deadline/complaint-deadline.resolver.js';
import { complaintDueSoon, DueSoonCounter } from './deadline/complaint-due-soon.js';
import { recountComplaints } from './deadline/complaint-recount.js';
import { ComplaintStatsDueSoonResolver } from './deadline/complaint-stats-due-soon.resolver.js';
import { DeadlineRuleChange } from './deadline/deadline-rule-change.entity.js';
import { DeadlineRule } from './deadline/deadline-rule.entity.js';
import { DeadlineRuleResolver } from './deadline/deadline-rule.resolver.js';
import { DeadlineRuleService } from './deadline/deadline-rule.service.js';
import { ComplaintExtension } from './extension/complaint-extension.entity.js';
import { ExtensionResolver } from './extension/extension.resolver.js';
import { ExtensionService } from './extension/extension.service.js';
import { DeadlineRules1763900000004 } from './migrations/1763900000004-deadline-rules.js';

export function buildComplaintsSchema() {
  return buildFederatedSchema(
    {
      resolvers: [
        ComplaintResolver,
        ComplaintTimelineResolver,
        RegionComplaintsResolver,
        ComplainantResolver,
        ClueTransferResolver,
        ComplaintClueResolver,
        EnterpriseProtectionResolver,
        CoHandlingResolver,
        TimelineCoUnitsResolver,
        ComplaintDuplicatesResolver,
        ComplaintDuplicateResolver,
        ComplaintStatsFieldsResolver,
        UnitComplaintStatsResolver,
        UnitComplaintRankingResolver,
        RegionUnitRankingResolver,
        RegionComplaintTrendResolver,
        RegionComplaintsAtStartOfDayResolver,
        ComplaintExchangeResolver,
        ComplaintDeadlineResolver,
        ComplaintStatsDueSoonResolver,
        DeadlineRuleResolver,
        ExtensionResolver,
        IdentityAuditResolver,
      ],
      // Reached only through `_entities`: no field of this subgraph returns an Enterprise.
      orphanedTypes: [Enterprise],
    },
    {
      Region: { __resolveReference: resolveRegionReference },
      Complaint: { __resolveReference: resolveComplaintReference },
      Enterprise: { __resolveReference: resolveEnterpriseReference },
      Unit: { __resolveReference: resolveUnitReference },
    },
  );
}

export interface ComplaintsOptions {
  /** Keys of the complainant identity encryption; the service refuses to start without them. */
  identity: FieldKeys | undefined;
  /** Days an enterprise that complained stays protected. */
  protectionDays?: number;
}

export interface ComplaintsDeps {
  complaints: ComplaintService;
  complainants: ComplainantService;
  clues: ClueService;
  protection: EnterpriseProtectionService;
  coHandling: CoHandlingService;
  duplicates: DuplicateService;
  complaintStats: ComplaintStatsService;
  complaintTrend: ComplaintTrendService;
  complaintsAtStartOfDay: StartOfDayService;
  exchange: ComplaintExchangeService;
  deadlineRules: DeadlineRuleService;
  extensions: ExtensionService;
  dueSoon: DueSoonCounter;
  calendar: CalendarFollower;
  auditLog: AuditLogReader;
}

export function complaintsSubgraph(options: ComplaintsOptions): SubgraphDefinition<ComplaintsDeps> {
  return {
    name: 'complaints',
    entities: [Complaint, ComplaintTimelineEntry, ComplainantRecord, AuditEntry, ClueTransfer, ComplaintCoUnit, ComplaintDuplicate, ComplaintMerge, DeadlineRule, DeadlineRuleChange, ComplaintExtension, CalendarYearRecord, IdempotencyRecord],
    migrations: [Initial1763900000000, ComplaintTally1763900000001, ComplaintEventLog1763900000002, ComplaintListIndexes1763900000003, DeadlineRules1763900000004, ProtectionAndDiscipline1763900000005, DuplicatesUnitsStats1763900000006, ComplaintSubjectUnit1763900000007, AuditAddress1763900000020, ComplaintOpenIndex1763900000030, ComplaintDayTally1763900000040, ComplaintEventLogAtIndex1763900000041, IdempotencyKeys1763900000050],
    buildSchema: buildComplaintsSchema,
    createDeps: (dataSource, outbox) => {
      const cipher = new FieldCipher(requireIdentityKeys(options.identity));
      // Its own calendar: the years loaded at run time are this subgraph's (stored in its database).
      const calendar = new WorkingCalendar(bundledSchedules());
      const complaints = new ComplaintService(dataSource, outbox, cipher, calendar);
      return {
        complaints,
        coHandling: new CoHandlingService(dataSource, complaints),
        duplicates: new DuplicateService(dataSource, outbox, complaints),
        complaintStats: new ComplaintStatsService(dataSource),
        complaintTrend: new ComplaintTrendService(dataSource),
        complaintsAtStartOfDay: new StartOfDayService(dataSource, calendar),
        exchange: new ComplaintExchangeService(outbox, complaints),
        complainants: new ComplainantService(dataSource, cipher),
        clues: new ClueService(dataSource, outbox),
        protection: new EnterpriseProtectionService(dataSource, cipher, options.protectionDays ?? DEFAULT_PROTECTION_DAYS),
        deadlineRules: new DeadlineRuleService(dataSource),
        extensions: new ExtensionService(dataSource, outbox, calendar),
        dueSoon: new DueSoonCounter(dataSource),
        calendar: new CalendarFollower('complaints:calendar', dataSource, outbox, calendar, recountComplaints),
        auditLog: new AuditLogReader(dataSource),
      };
    },
    deadlines: (deps) => [deps.complaints.deadlines, complaintDueSoon],
    consumers: (deps) => [deps.calendar],
    seed: seedComplaints,
  };
}
