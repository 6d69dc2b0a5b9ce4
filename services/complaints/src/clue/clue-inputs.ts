import { Field, ID, InputType } from 'type-graphql';
import { ClueStatus } from './clue-transfer.entity.js';

@InputType({ description: '线索移交列表筛选' })
export class ClueFilter {
  @Field(() => ID, { nullable: true, description: '投诉事发地行政区划代码（含全部下级）；须在本账号范围内' })
  regionCode?: string | null;

  @Field(() => ClueStatus, { nullable: true })
  status?: ClueStatus | null;
}
