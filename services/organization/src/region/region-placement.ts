import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { requireRegionCode } from '@bizenv/common/validate';
import { RegionLevel } from './region-level.js';

/** A region as it is placed in the tree: its code, level and parent. */
export interface Placement {
  code: string;
  level: RegionLevel;
  parentCode?: string | null;
}

const CITY_CODE = /^\d{2}(?!00)\d{2}00$/;
const COUNTY_CODE = /^\d{4}(?!00)\d{2}$/;
const TOWN_CODE = /^\d{9}$/;

const LEVEL_NAMES: Record<RegionLevel, string> = {
  [RegionLevel.CITY]: '市',
  [RegionLevel.DISTRICT]: '区县',
  [RegionLevel.TOWN]: '镇街',
  [RegionLevel.PARK]: '园区',
};

function invalid(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.BadUserInput, message, { field });
}

/**
 * The parent a code implies (GB/T 2260 digits, nine-digit towns): 990102001 → 990102,
 * 990102 → 990100, a city (…00) → none. A region's parent is fixed by its code, so no
 * chain of parents can loop back.
 */
export function parentCodeOf(code: string): string | null {
  if (code.length === 9) return code.slice(0, 6);
  return code.endsWith('00') ? null : `${code.slice(0, 4)}00`;
}

/**
 * Checks what needs no database: the code's shape for its level and that the parent given is
 * the one the code implies. `prefix` names the input in `field` (e.g. "regions[3].").
 */
export function checkPlacement(input: Placement, prefix = ''): void {
  const code = requireRegionCode(input.code, `${prefix}code`);
  const shapeFits = {
    [RegionLevel.CITY]: CITY_CODE.test(code),
    [RegionLevel.DISTRICT]: COUNTY_CODE.test(code),
    [RegionLevel.TOWN]: TOWN_CODE.test(code),
    [RegionLevel.PARK]: COUNTY_CODE.test(code) || TOWN_CODE.test(code),
  }[input.level];
  if (!shapeFits) {
    const shapes = {
      [RegionLevel.CITY]: '6位且以00结尾（如 990100；省级代码 XX0000 不能作为市）',
      [RegionLevel.DISTRICT]: '6位且末两位不为00（如 990102）',
      [RegionLevel.TOWN]: '9位（所属区县代码加3位，如 990102001）',
      [RegionLevel.PARK]: '6位（市辖园区，如 990171）或9位（区县内园区）',
    }[input.level];
    throw invalid(`${prefix}code`, `${LEVEL_NAMES[input.level]}级行政区划代码应为${shapes}`);
  }
  const expected = parentCodeOf(code);
  const given = input.parentCode ?? null;
  if (given === expected) return;
  if (expected === null) throw invalid(`${prefix}parentCode`, '市级行政区划是顶级，不能有上级区划');
  if (given === null) throw invalid(`${prefix}parentCode`, `请填写上级区划代码（按代码应为${expected}）`);
  throw invalid(`${prefix}parentCode`, `按行政区划代码，${code}的上级应为${expected}，不是${given}`);
}

/** Which parents each level may hang under: districts and parks under the city, towns under a district or county-level park. */
function parentLevelsOf(input: Placement): RegionLevel[] {
  if (input.level === RegionLevel.TOWN) return [RegionLevel.DISTRICT, RegionLevel.PARK];
  if (input.level === RegionLevel.PARK && input.code.length === 9) return [RegionLevel.DISTRICT];
  return [RegionLevel.CITY];
}

/** The level fits the (existing) parent's level. */
export function checkParentLevel(input: Placement, parentLevel: RegionLevel, prefix = ''): void {
  if (!parentLevelsOf(input).includes(parentLevel)) {
    throw invalid(`${prefix}level`, `${LEVEL_NAMES[input.level]}不能设在${LEVEL_NAMES[parentLevel]}级区划之下`);
  }
}
