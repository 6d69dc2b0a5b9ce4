import { isWithin } from '@bizenv/common/region-code';
import { IsNull, type EntityManager } from 'typeorm';
import type { Enterprise } from '../enterprise/enterprise.entity.js';
import { AmbassadorAssignment } from './ambassador-assignment.entity.js';
import { LeaderContact } from './leader-contact.entity.js';

/**
 * An enterprise moved to another region: assignments follow it while the ambassador's area still
 * contains it, and end (at `at`) when it does not; leaders' contacts follow it.
 */
export async function followEnterpriseRegion(manager: EntityManager, enterprise: Pick<Enterprise, 'id' | 'regionCode'>, at: Date): Promise<void> {
  const active = await manager.findBy(AmbassadorAssignment, { enterpriseId: enterprise.id, until: IsNull() });
  for (const assignment of active) {
    const stillServed = isWithin(enterprise.regionCode, assignment.regionCode);
    await manager.update(AmbassadorAssignment, { id: assignment.id }, stillServed ? { targetRegionCode: enterprise.regionCode } : { until: at });
  }
  await manager.update(LeaderContact, { enterpriseId: enterprise.id }, { regionCode: enterprise.regionCode });
}
