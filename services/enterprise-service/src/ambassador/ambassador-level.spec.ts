import { describe, expect, it } from 'vitest';
import { AmbassadorLevel, levelOfRegion, requiredLevels } from './ambassador-level.js';

describe('ambassador levels', () => {
  it('reads the level from the region code', () => {
    expect(levelOfRegion('990100')).toBe(AmbassadorLevel.CITY);
    expect(levelOfRegion('990102')).toBe(AmbassadorLevel.COUNTY);
    expect(levelOfRegion('990171')).toBe(AmbassadorLevel.COUNTY);
    expect(levelOfRegion('990102001')).toBe(AmbassadorLevel.TOWN);
    expect(levelOfRegion('990000')).toBeNull();
    expect(levelOfRegion('9901020')).toBeNull();
  });

  it('asks every level from the city down to the region’s own', () => {
    expect(requiredLevels('990102001')).toEqual([AmbassadorLevel.CITY, AmbassadorLevel.COUNTY, AmbassadorLevel.TOWN]);
    expect(requiredLevels('990121')).toEqual([AmbassadorLevel.CITY, AmbassadorLevel.COUNTY]);
    expect(requiredLevels('990100')).toEqual([AmbassadorLevel.CITY]);
  });
});
