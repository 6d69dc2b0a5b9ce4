import { Permission, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DispatchStatus, OPEN_STATUSES } from '@bizenv/common/closed-loop';
import { subtreePrefix } from '@bizenv/common/region-code';
import { requireRegionCode } from '@bizenv/common/validate';
import { shanghaiDate, startOfShanghaiDay } from '@bizenv/common/working-days';
import { In, type DataSource } from 'typeorm';
import { DemandAction } from '../demand/demand-action.js';
import { DemandTimelineEntry } from '../demand/demand-timeline-entry.entity.js';
import { Demand } from '../demand/demand.entity.js';
import type { DemandsAtStartOfDay } from './demands-at-start-of-day.js';

type Figures = Omit<DemandsAtStartOfDay, 'at'>;
const ID_BATCH = 500;

/**
 * The region's open and overdue demands at today's 00:00 (Asia/Shanghai), from the data. A demand
 * with no step today stands at 00:00 as it stands now (counted from the current rows); those with
 * a step today are replayed from their timeline: open unless its last step before 00:00 closed it
 * (none yet: raised and awaiting dispatch), the reply deadline in force until its first reply, then
 * the close deadline.
 */
export class DemandsAtStartOfDayService {
  constructor(private readonly dataSource: DataSource) {}

  async figures(caller: Caller | null, regionCode: string): Promise<DemandsAtStartOfDay> {
    requireRegionCode(regionCode, 'code');
    requirePermission(caller, Permission.STATS_READ, regionCode);
    const at = startOfShanghaiDay(shanghaiDate(now()));
    const prefix = `${subtreePrefix(regionCode)}%`;
    const base = () =>
      this.dataSource
        .getRepository(Demand)
        .createQueryBuilder('d')
        .where('d.status IN (:...open)', { open: OPEN_STATUSES })
        .andWhere('d.regionCode LIKE :prefix', { prefix })
        .andWhere('d.raisedAt < :at', { at });
    const figures: Figures = { open: await base().getCount(), overdue: await base().andWhere('d.dueAt < :at', { at }).getCount() };
    const touched: { demandId: string }[] = await this.dataSource
      .getRepository(DemandTimelineEntry)
      .createQueryBuilder('e')
      .select('DISTINCT e.demandId', 'demandId')
      .innerJoin(Demand, 'd', 'd.id = e.demandId')
      .where('e.at >= :at', { at })
      .andWhere('d.regionCode LIKE :prefix', { prefix })
      .getRawMany();
    for (let i = 0; i < touched.length; i += ID_BATCH) {
      const ids = touched.slice(i, i + ID_BATCH).map((row) => row.demandId);
      const demands = await this.dataSource.getRepository(Demand).findBy({ id: In(ids) });
      const before = await this.dataSource
        .getRepository(DemandTimelineEntry)
        .createQueryBuilder('e')
        .select(['e.id', 'e.demandId', 'e.action', 'e.toStatus', 'e.at'])
        .where('e.demandId IN (:...ids) AND e.at < :at', { ids, at })
        .orderBy('e.at', 'ASC')
        .addOrderBy('e.id', 'ASC')
        .getMany();
      const stepsOf = new Map<string, DemandTimelineEntry[]>();
      for (const entry of before) stepsOf.set(entry.demandId, [...(stepsOf.get(entry.demandId) ?? []), entry]);
      for (const demand of demands) {
        const steps = stepsOf.get(demand.id) ?? [];
        const replied = steps.some((e) => e.action === DemandAction.REPLY);
        const then = { open: (steps.at(-1)?.toStatus ?? DispatchStatus.AWAITING_DISPATCH) !== DispatchStatus.CLOSED, dueAt: replied ? demand.closeDueAt : demand.replyDueAt };
        const nowState = { open: demand.status !== DispatchStatus.CLOSED, dueAt: demand.dueAt };
        for (const [state, sign] of [[nowState, -1], [then, 1]] as const) {
          if (!state.open || demand.raisedAt >= at) continue;
          figures.open += sign;
          if (state.dueAt < at) figures.overdue += sign;
        }
      }
    }
    return { at, ...figures };
  }
}
