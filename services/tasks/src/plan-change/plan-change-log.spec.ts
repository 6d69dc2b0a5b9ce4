import { describe, expect, it } from 'vitest';
import { fieldChanges } from './plan-change-log.js';

describe('fieldChanges', () => {
  it('lists the fields whose shown value changed, from → to, in the order of the new values', () => {
    const before = { title: '旧', deadline: new Date('2026-09-30T15:59:59.999Z'), leadUnitIds: ['a', 'b'], targetValue: 70, targetText: null };
    const after = { title: '旧', deadline: new Date('2026-12-31T15:59:59.999Z'), leadUnitIds: ['b', 'a'], targetValue: 70, targetText: '由56%提升到70%' };
    expect(fieldChanges(before, after)).toEqual([
      { field: 'deadline', from: '2026-09-30T15:59:59.999Z', to: '2026-12-31T15:59:59.999Z' },
      { field: 'leadUnitIds', from: 'a、b', to: 'b、a' },
      { field: 'targetText', from: null, to: '由56%提升到70%' },
    ]);
  });

  it('treats an empty list as nothing and finds no change when nothing changed', () => {
    expect(fieldChanges({ responsibleUnitIds: [], number: 1 }, { responsibleUnitIds: [], number: 1 })).toEqual([]);
    expect(fieldChanges({ responsibleUnitIds: ['a'] }, { responsibleUnitIds: [] })).toEqual([{ field: 'responsibleUnitIds', from: 'a', to: null }]);
  });
});
