import { isRegionCode } from '@bizenv/common/region-code';
import { registerEnumType } from 'type-graphql';

/** 服务大使的层级: 市级, 县（区）级, 乡镇（街道）级 [002]. */
export enum AmbassadorLevel {
  CITY = 'CITY',
  COUNTY = 'COUNTY',
  TOWN = 'TOWN',
}

registerEnumType(AmbassadorLevel, {
  name: 'AmbassadorLevel',
  description: '服务大使层级',
  valuesConfig: {
    CITY: { description: '市级' },
    COUNTY: { description: '县（区）级，含县级开发区、园区' },
    TOWN: { description: '乡镇（街道）级，含片区' },
  },
});

const LEVELS = [AmbassadorLevel.CITY, AmbassadorLevel.COUNTY, AmbassadorLevel.TOWN];

/**
 * The level a region code stands at: nine digits a town, six digits ending in 00 a city, other
 * six-digit codes a county-level district, county or park. A province (…0000) has no level.
 */
export function levelOfRegion(code: string): AmbassadorLevel | null {
  if (!isRegionCode(code)) return null;
  if (code.length === 9) return AmbassadorLevel.TOWN;
  if (code.endsWith('0000')) return null;
  return code.endsWith('00') ? AmbassadorLevel.CITY : AmbassadorLevel.COUNTY;
}

/**
 * Coverage rule: a key enterprise or key project needs an active ambassador at every level from
 * the city down to the level of its own region (a town's: city, county and town).
 */
export function requiredLevels(regionCode: string): AmbassadorLevel[] {
  const own = levelOfRegion(regionCode);
  return own ? LEVELS.slice(0, LEVELS.indexOf(own) + 1) : [];
}

/**
 * `requiredLevels` in SQL, for counting over many rows: the condition under which a row whose
 * region code is `column` needs an ambassador at `level`.
 */
export function levelRequiredSql(level: AmbassadorLevel, column: string): string {
  if (level === AmbassadorLevel.TOWN) return `LENGTH(${column}) = 9`;
  // Six digits ending in 00 is the city itself; everything else lies below it.
  if (level === AmbassadorLevel.COUNTY) return `${column} NOT LIKE '____00'`;
  return '1 = 1';
}

export const AMBASSADOR_LEVELS: readonly AmbassadorLevel[] = LEVELS;
