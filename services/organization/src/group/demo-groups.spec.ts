import { DEMO_UNITS } from '@bizenv/common/demo-city';
import { isWithin, onOneBranch } from '@bizenv/common/region-code';
import { describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../person/demo-people.js';
import { GroupKind } from './group-kind.js';
import { DEMO_GROUPS } from './demo-groups.js';

const person = (key: string) => DEMO_PEOPLE.find((p) => p.key === key)!;
const unit = (key: string) => DEMO_UNITS.find((u) => u.key === key)!;

describe('demo groups', () => {
  it('name only demo people and units, and every kind of group', () => {
    for (const group of DEMO_GROUPS) {
      for (const key of [group.leaderKey, ...group.people.map(([k]) => k)]) if (key) expect(person(key), `${group.key}: ${key}`).toBeDefined();
      for (const key of [group.leadUnitKey, ...group.units.map(([k]) => k)]) if (key) expect(unit(key), `${group.key}: ${key}`).toBeDefined();
    }
    expect(new Set(DEMO_GROUPS.map((g) => g.kind))).toEqual(new Set(Object.values(GroupKind)));
  });

  // The rules the group mutations enforce, so the seed is data an administrator could have entered.
  it('keep their people within, their units on the branch of, and their children under their region', () => {
    for (const group of DEMO_GROUPS) {
      for (const key of [group.leaderKey, ...group.people.map(([k]) => k)]) if (key) expect(isWithin(person(key).regionCode, group.regionCode), `${group.key}: ${key}`).toBe(true);
      for (const key of [group.leadUnitKey, ...group.units.map(([k]) => k)]) if (key) expect(onOneBranch(unit(key).regionCode, group.regionCode), `${group.key}: ${key}`).toBe(true);
      const parent = DEMO_GROUPS.find((g) => g.key === group.parentKey);
      if (group.parentKey) expect(parent && isWithin(group.regionCode, parent.regionCode), group.key).toBe(true);
    }
  });

  it('give every demo person a title, and every account holder but the leaders a unit on their branch', () => {
    for (const p of DEMO_PEOPLE) {
      expect(p.title, p.key).not.toBe('');
      if (p.unitKey) expect(onOneBranch(unit(p.unitKey).regionCode, p.regionCode), p.key).toBe(true);
      else expect(p.key.endsWith('leader'), p.key).toBe(true);
    }
  });
});
