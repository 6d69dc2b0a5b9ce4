import 'reflect-metadata';
import { buildFederatedSchema } from '@bizenv/common/schema';
import type { SubgraphDefinition } from '@bizenv/common/subgraph';
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
import { resolveRegionReference } from './region/region.reference.js';
import { RegionComplaintsResolver } from './region/region.resolver.js';
import { seedComplaints } from './seed.js';

export function buildComplaintsSchema() {
  return buildFederatedSchema(
    { resolvers: [ComplaintResolver, ComplaintTimelineResolver, RegionComplaintsResolver] },
    { Region: { __resolveReference: resolveRegionReference }, Complaint: { __resolveReference: resolveComplaintReference } },
  );
}

export function complaintsSubgraph(): SubgraphDefinition<{ complaints: ComplaintService }> {
  return {
    name: 'complaints',
    entities: [Complaint, ComplaintTimelineEntry],
    migrations: [Initial1763900000000, ComplaintTally1763900000001, ComplaintEventLog1763900000002, ComplaintListIndexes1763900000003],
    buildSchema: buildComplaintsSchema,
    createDeps: (dataSource, outbox) => ({ complaints: new ComplaintService(dataSource, outbox) }),
    deadlines: (deps) => [deps.complaints.deadlines],
    seed: seedComplaints,
  };
}
