import { now } from '@bizenv/common/clock';
import { inTransaction } from '@bizenv/common/data-source';
import { DEMO_CITY_CODE, DEMO_REGIONS, DEMO_UNITS } from '@bizenv/common/demo-city';
import { seededRandom } from '@bizenv/common/seeded-random';
import { stableId } from '@bizenv/common/stable-id';
import { endOfShanghaiDay, shanghaiDate } from '@bizenv/common/working-days';
import type { DataSource } from 'typeorm';
import { TASK_TITLES } from './seed-titles.js';
import { TaskStatus } from './task/task-status.js';
import { SupervisedTask } from './task/task.entity.js';

const DAY_MS = 86_400_000;

/** Demo tasks due from 40 days ago to 90 days ahead: most past ones done, a few overdue. */
export async function seedTasks(dataSource: DataSource): Promise<void> {
  if (await dataSource.getRepository(SupervisedTask).count()) return;
  const random = seededRandom(2022);
  const districts = DEMO_REGIONS.filter((r) => r.parentCode === DEMO_CITY_CODE);
  const towns = DEMO_REGIONS.filter((r) => r.level === 'TOWN');
  const tasks: SupervisedTask[] = TASK_TITLES.map((title, i) => {
    const region = random.next() < 0.3 ? random.pick(districts) : random.pick(towns);
    const district = region.level === 'TOWN' ? region.parentCode! : region.code;
    const units = DEMO_UNITS.filter((u) => u.regionCode === district || u.regionCode === DEMO_CITY_CODE);
    const offsetDays = -40 + random.next() * 130;
    const deadline = endOfShanghaiDay(shanghaiDate(new Date(now().getTime() + offsetDays * DAY_MS)));
    const done = random.next() < (offsetDays < 0 ? 0.7 : 0.2);
    return {
      id: stableId(`task:${i}`),
      number: i + 1,
      title,
      leadUnitId: stableId(random.pick(units).key),
      regionCode: region.code,
      deadline,
      status: done ? TaskStatus.DONE : TaskStatus.IN_PROGRESS,
      version: 1,
    };
  });
  await inTransaction(dataSource, (manager) => manager.insert(SupervisedTask, tasks).then(() => undefined));
}
