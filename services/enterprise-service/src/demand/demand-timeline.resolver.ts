import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Unit } from '../unit/unit.js';
import { DemandTimelineEntry } from './demand-timeline-entry.entity.js';

@Resolver(() => DemandTimelineEntry)
export class DemandTimelineResolver {
  @FieldResolver(() => Unit, { nullable: true, description: '转办到的单位，或签收、退回、答复的单位' })
  unit(@Root() entry: DemandTimelineEntry): Unit | null {
    return entry.unitId ? { id: entry.unitId } : null;
  }
}
