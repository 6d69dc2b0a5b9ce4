import { describe, expect, it } from 'vitest';
import { RegionLevel } from './region-level.js';
import { checkParentLevel, checkPlacement, parentCodeOf } from './region-placement.js';

const fieldOf = (check: () => void) => {
  try {
    check();
  } catch (error) {
    return (error as { extensions: { code: string; field: string } }).extensions;
  }
  return null;
};

describe('region placement', () => {
  it('reads the parent off the code', () => {
    expect(parentCodeOf('990102001')).toBe('990102');
    expect(parentCodeOf('990102')).toBe('990100');
    expect(parentCodeOf('990171')).toBe('990100');
    expect(parentCodeOf('990100')).toBeNull();
  });

  it('accepts the shapes of the demo city: city, district, county-level park, town, district park', () => {
    const fine = [
      { code: '990100', level: RegionLevel.CITY, parentCode: null },
      { code: '990102', level: RegionLevel.DISTRICT, parentCode: '990100' },
      { code: '990171', level: RegionLevel.PARK, parentCode: '990100' },
      { code: '990102001', level: RegionLevel.TOWN, parentCode: '990102' },
      { code: '990102901', level: RegionLevel.PARK, parentCode: '990102' },
    ];
    for (const placement of fine) expect(fieldOf(() => checkPlacement(placement)), placement.code).toBeNull();
  });

  it('refuses a code whose shape does not fit its level, naming the field', () => {
    const wrong = [
      { code: '990000', level: RegionLevel.CITY, parentCode: null },
      { code: '990102', level: RegionLevel.CITY, parentCode: null },
      { code: '990100', level: RegionLevel.DISTRICT, parentCode: null },
      { code: '990102001', level: RegionLevel.DISTRICT, parentCode: '990102' },
      { code: '990102', level: RegionLevel.TOWN, parentCode: '990100' },
      { code: '990100', level: RegionLevel.PARK, parentCode: null },
      { code: '9901020011', level: RegionLevel.TOWN, parentCode: '990102' },
    ];
    for (const placement of wrong) expect(fieldOf(() => checkPlacement(placement, 'regions[4].')), placement.code).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'regions[4].code' }));
  });

  it('allows no parent but the one the code implies, so no region can sit under its own subtree', () => {
    const wrong = [
      { code: '990102', level: RegionLevel.DISTRICT, parentCode: '990102001' },
      { code: '990102001', level: RegionLevel.TOWN, parentCode: '990102001' },
      { code: '990102001', level: RegionLevel.TOWN, parentCode: '990100' },
      { code: '990102', level: RegionLevel.DISTRICT, parentCode: null },
      { code: '990100', level: RegionLevel.CITY, parentCode: '990000' },
    ];
    for (const placement of wrong) expect(fieldOf(() => checkPlacement(placement)), placement.code).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'parentCode' }));
  });

  it('hangs districts and county-level parks under the city, towns under a district or such a park, district parks under a district', () => {
    const town = { code: '990171001', level: RegionLevel.TOWN };
    expect(fieldOf(() => checkParentLevel(town, RegionLevel.PARK))).toBeNull();
    expect(fieldOf(() => checkParentLevel(town, RegionLevel.DISTRICT))).toBeNull();
    expect(fieldOf(() => checkParentLevel(town, RegionLevel.TOWN))).toMatchObject({ field: 'level' });
    expect(fieldOf(() => checkParentLevel({ code: '990171901', level: RegionLevel.PARK }, RegionLevel.PARK))).toMatchObject({ field: 'level' });
    expect(fieldOf(() => checkParentLevel({ code: '990105', level: RegionLevel.DISTRICT }, RegionLevel.DISTRICT))).toMatchObject({ field: 'level' });
  });
});
