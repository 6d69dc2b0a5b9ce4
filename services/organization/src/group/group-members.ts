import { Field, ObjectType } from 'type-graphql';
import { Person } from '../person/person.entity.js';
import { Unit } from '../unit/unit.entity.js';

@ObjectType({ description: '组成员（人员）' })
export class GroupPersonMember {
  @Field(() => Person)
  person!: Person;

  @Field(() => String, { nullable: true, description: '组内职务，如 组长、副组长、成员' })
  duty!: string | null;
}

@ObjectType({ description: '成员单位' })
export class GroupUnitMember {
  @Field(() => Unit)
  unit!: Unit;

  @Field(() => String, { nullable: true, description: '组内职责，如 牵头单位、成员单位' })
  duty!: string | null;
}
