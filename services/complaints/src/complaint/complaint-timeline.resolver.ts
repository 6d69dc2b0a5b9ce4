import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Unit } from '../unit/unit.js';
import { ComplaintTimelineEntry } from './complaint-timeline-entry.entity.js';

@Resolver(() => ComplaintTimelineEntry)
export class ComplaintTimelineResolver {
  @FieldResolver(() => Unit, { nullable: true, description: '转办到的单位，或签收、退回、答复的单位' })
  unit(@Root() entry: ComplaintTimelineEntry): Unit | null {
    return entry.unitId ? { id: entry.unitId } : null;
  }
}
