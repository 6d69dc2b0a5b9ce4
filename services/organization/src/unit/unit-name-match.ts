import { nameKey } from '@bizenv/common/name-key';
import { isWithin, subtreePrefix } from '@bizenv/common/region-code';
import { Field, Int, ObjectType } from 'type-graphql';
import { Unit } from './unit.entity.js';

@ObjectType({ description: '一个单位名称所指的单位' })
export class UnitNameMatch {
  @Field(() => String, { description: '所查的名称' })
  name!: string;

  @Field(() => Unit, { nullable: true, description: '所指的单位；没有或无法确定时为空' })
  unit!: Unit | null;

  @Field(() => Int, { description: '叫这个名称的单位个数（0：没有；大于1而 unit 为空：无法确定）' })
  candidates!: number;
}

/** Units by the key of their name, for `matchUnitName`. */
export function unitNameIndex(units: readonly Unit[]): Map<string, Unit[]> {
  const index = new Map<string, Unit[]>();
  for (const unit of units) index.set(nameKey(unit.name), [...(index.get(nameKey(unit.name)) ?? []), unit]);
  return index;
}

/**
 * The unit `name` means for an item of `regionCode`: the only unit so called, else the one in
 * the item's region or its nearest enclosing region (names are unique within a region, so
 * there is one per level); none when the namesakes all lie elsewhere.
 */
export function matchUnitName(index: ReadonlyMap<string, Unit[]>, name: string, regionCode: string): UnitNameMatch {
  const found = index.get(nameKey(name)) ?? [];
  const enclosing = found.filter((unit) => isWithin(regionCode, unit.regionCode)).sort((a, b) => subtreePrefix(b.regionCode).length - subtreePrefix(a.regionCode).length);
  return { name, unit: (found.length === 1 ? found[0] : enclosing[0]) ?? null, candidates: found.length };
}
