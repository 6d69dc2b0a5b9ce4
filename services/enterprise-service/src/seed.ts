import { now } from '@bizenv/common/clock';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { inTransaction } from '@bizenv/common/data-source';
import { DEMO_CITY_CODE, DEMO_REGIONS, DEMO_UNITS } from '@bizenv/common/demo-city';
import { seededRandom } from '@bizenv/common/seeded-random';
import { stableId } from '@bizenv/common/stable-id';
import { officialCalendar } from '@bizenv/common/working-days';
import type { DataSource } from 'typeorm';
import { demandDeadlines } from './demand/demand-deadline.js';
import { demoDemandLoop } from './demand/demand-seed.js';
import { DemandTimelineEntry } from './demand/demand-timeline-entry.entity.js';
import { Demand } from './demand/demand.entity.js';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '@bizenv/common/credit-code';
import { Enterprise } from './enterprise/enterprise.entity.js';
import { BRANDS, DEMAND_TITLES, DISTRICT_SHORT_NAMES, LEGAL_FORMS, TRADES } from './seed-names.js';
import { seedServiceRegistry } from './seed-registry.js';

const ENTERPRISES = 80;
const DEMANDS = 70;
const DAY_MS = 86_400_000;

type Random = ReturnType<typeof seededRandom>;

/** 91 (a company registered by market regulation) + district code + organisation code + check. */
function creditCode(random: Random, districtCode: string): string {
  const body = Array.from({ length: 7 }, () => random.pick([...CREDIT_CODE_CHARSET])).join('');
  const first17 = `91${districtCode}MA${body}`;
  return first17 + creditCodeCheckChar(first17);
}

function seedEnterprises(random: Random): Enterprise[] {
  const towns = DEMO_REGIONS.filter((r) => r.level === 'TOWN');
  const names = new Set<string>();
  const codes = new Set<string>();
  const enterprises: Enterprise[] = [];
  while (enterprises.length < ENTERPRISES) {
    const town = random.pick(towns);
    const district = town.parentCode!;
    const name = `江湾市${DISTRICT_SHORT_NAMES[district]}${random.pick(BRANDS)}${random.pick(TRADES)}${random.pick(LEGAL_FORMS)}`;
    const code = creditCode(random, district);
    if (names.has(name) || codes.has(code)) continue;
    names.add(name);
    codes.add(code);
    enterprises.push({ id: stableId(`enterprise:${enterprises.length}`), creditCode: code, name, regionCode: town.code, isKey: random.next() < 0.25 });
  }
  return enterprises;
}

/**
 * Demands raised over the last 30 days: older ones mostly closed with the enterprise's rating, a
 * handful left overdue; each with the timeline that brought it to its status.
 */
function seedDemands(random: Random, enterprises: Enterprise[]): { demands: Demand[]; timeline: Omit<DemandTimelineEntry, 'id'>[] } {
  // The loop's own draws: those of the demo city before demands had timelines stay the same.
  const loopRandom = seededRandom(32101);
  const timeline: Omit<DemandTimelineEntry, 'id'>[] = [];
  const demands = Array.from({ length: DEMANDS }, (_, i): Demand => {
    const enterprise = random.pick(enterprises);
    const district = enterprise.regionCode.slice(0, 6);
    const units = DEMO_UNITS.filter((u) => u.regionCode === district || u.regionCode === DEMO_CITY_CODE);
    const ageDays = random.next() * 30;
    const raisedAt = new Date(now().getTime() - ageDays * DAY_MS);
    const status = random.weighted<DispatchStatus>(
      ageDays > 7
        ? { CLOSED: 24, REPLIED: 1, ACCEPTED: 1, DISPATCHED: 1, RETURNED: 0, AWAITING_DISPATCH: 0 }
        : { CLOSED: 2, REPLIED: 2, ACCEPTED: 3, DISPATCHED: 2, RETURNED: 1, AWAITING_DISPATCH: 2 },
    );
    const answered = status === DispatchStatus.REPLIED || status === DispatchStatus.CLOSED;
    const id = stableId(`demand:${i}`);
    const title = random.pick(DEMAND_TITLES);
    const unit = status === DispatchStatus.AWAITING_DISPATCH ? null : random.pick(units);
    const loop = demoDemandLoop(loopRandom, { id, raisedAt }, status, unit);
    timeline.push(...loop.steps);
    return {
      id,
      enterpriseId: enterprise.id,
      title,
      regionCode: enterprise.regionCode,
      // 退回 leaves the demand without a unit until it is dispatched again.
      unitId: unit && status !== DispatchStatus.RETURNED ? stableId(unit.key) : null,
      raisedAt,
      ...demandDeadlines(raisedAt, officialCalendar, answered ? 'closeDueAt' : 'replyDueAt'),
      status,
      version: 1,
      reply: loop.reply,
      satisfaction: loop.satisfaction,
    };
  });
  return { demands, timeline };
}

export async function seedEnterpriseService(dataSource: DataSource): Promise<void> {
  if (!(await dataSource.getRepository(Enterprise).count())) {
    const random = seededRandom(32100);
    const enterprises = seedEnterprises(random);
    const { demands, timeline } = seedDemands(random, enterprises);
    await inTransaction(dataSource, async (manager) => {
      await manager.insert(Enterprise, enterprises);
      await manager.insert(Demand, demands);
      await manager.insert(DemandTimelineEntry, timeline);
    });
  }
  await seedServiceRegistry(dataSource);
}
