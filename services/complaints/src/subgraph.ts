import 'reflect-metadata';
import { buildFederatedSchema } from '@bizenv/common/schema';
import type { SubgraphDefinition } from '@bizenv/common/subgraph';
import { ComplaintResolver } from './complaint/complaint.resolver.js';
import { Complaint } from './complaint/complaint.entity.js';
import { ComplaintService } from './complaint/complaint.service.js';
import { Initial1763900000000 } from './migrations/1763900000000-initial.js';
import { ComplaintTally1763900000001 } from './migrations/1763900000001-complaint-tally.js';
import { resolveRegionReference } from './region/region.reference.js';
import { RegionComplaintsResolver } from './region/region.resolver.js';
import { seedComplaints } from './seed.js';

export function buildComplaintsSchema() {
  return buildFederatedSchema(
    { resolvers: [ComplaintResolver, RegionComplaintsResolver] },
    { Region: { __resolveReference: resolveRegionReference } },
  );
}

export function complaintsSubgraph(): SubgraphDefinition<{ complaints: ComplaintService }> {
  return {
    name: 'complaints',
    entities: [Complaint],
    migrations: [Initial1763900000000, ComplaintTally1763900000001],
    buildSchema: buildComplaintsSchema,
    createDeps: (dataSource, outbox) => ({ complaints: new ComplaintService(dataSource, outbox) }),
    deadlines: (deps) => [deps.complaints.deadlines],
    seed: seedComplaints,
  };
}
