import { describe, expect, it } from 'vitest';
import { DEMO_REGIONS, DEMO_UNITS } from './demo-city.js';
import { isRegionCode, isWithin } from './region-code.js';

describe('demo city', () => {
  it('is a city of 4–6 districts and parks with 4–8 towns each, every code placed in its parent', () => {
    const children = DEMO_REGIONS.filter((r) => r.parentCode === '990100');
    expect(children.length).toBeGreaterThanOrEqual(4);
    expect(children.length).toBeLessThanOrEqual(6);
    for (const district of children) {
      const towns = DEMO_REGIONS.filter((r) => r.parentCode === district.code);
      expect(towns.length).toBeGreaterThanOrEqual(4);
      expect(towns.length).toBeLessThanOrEqual(8);
      for (const town of towns) expect(isWithin(town.code, district.code)).toBe(true);
    }
    expect(DEMO_REGIONS.every((r) => isRegionCode(r.code))).toBe(true);
  });

  it('has a few dozen units with unique keys', () => {
    expect(DEMO_UNITS.length).toBeGreaterThanOrEqual(24);
    expect(new Set(DEMO_UNITS.map((u) => u.key)).size).toBe(DEMO_UNITS.length);
  });
});
