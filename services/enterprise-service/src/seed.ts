import { now } from '@bizenv/common/clock';
import { DispatchStatus } from '@bizenv/common/closed-loop';
import { inTransaction } from '@bizenv/common/data-source';
import { DEMO_CITY_CODE, DEMO_REGIONS, DEMO_UNITS } from '@bizenv/common/demo-city';
import { seededRandom } from '@bizenv/common/seeded-random';
import { stableId } from '@bizenv/common/stable-id';
import type { DataSource } from 'typeorm';
import { demandDeadline } from './demand/demand-deadline.js';
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

/** Demands raised over the last 30 days: older ones mostly closed, a handful left overdue. */
function seedDemands(random: Random, enterprises: Enterprise[]): Demand[] {
  return Array.from({ length: DEMANDS }, (_, i) => {
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
    const deadline = demandDeadline(raisedAt);
    return {
      id: stableId(`demand:${i}`),
      enterpriseId: enterprise.id,
      title: random.pick(DEMAND_TITLES),
      regionCode: enterprise.regionCode,
      unitId: status === DispatchStatus.AWAITING_DISPATCH ? null : stableId(random.pick(units).key),
      raisedAt,
      dueAt: deadline.dueAt,
      deadlineProvisional: deadline.provisional,
      status,
      version: 1,
    };
  });
}

export async function seedEnterpriseService(dataSource: DataSource): Promise<void> {
  if (!(await dataSource.getRepository(Enterprise).count())) {
    const random = seededRandom(32100);
    const enterprises = seedEnterprises(random);
    const demands = seedDemands(random, enterprises);
    await inTransaction(dataSource, async (manager) => {
      await manager.insert(Enterprise, enterprises);
      await manager.insert(Demand, demands);
    });
  }
  await seedServiceRegistry(dataSource);
}
