import { describe, expect, it } from 'vitest';
import { matchUnitName, unitNameIndex } from './unit-name-match.js';
import { UnitKind } from './unit-kind.js';
import type { Unit } from './unit.entity.js';

const unit = (id: string, name: string, regionCode: string): Unit => ({ id, name, regionCode, kind: UnitKind.CITY_DEPARTMENT, category: null });
const index = unitNameIndex([
  unit('city-market', '市场监督管理局', '990100'),
  unit('linjiang-market', '市场监督管理局', '990102'),
  unit('chengnan-market', '市场监督管理局', '990103'),
  unit('tax', '国家税务总局江湾市税务局', '990100'),
  unit('x-only', '新湖区数据局', '990104'),
]);

describe('matchUnitName', () => {
  it('takes the only unit so called, ignoring spaces and width, wherever it is', () => {
    expect(matchUnitName(index, '国家税务总局 江湾市税务局', '990102001')).toMatchObject({ unit: { id: 'tax' }, candidates: 1 });
    expect(matchUnitName(index, '新湖区数据局', '990102')).toMatchObject({ unit: { id: 'x-only' }, candidates: 1 });
  });

  it('among namesakes takes the one nearest above the item, or none when all lie elsewhere', () => {
    expect(matchUnitName(index, '市场监督管理局', '990102001').unit?.id).toBe('linjiang-market');
    expect(matchUnitName(index, '市场监督管理局', '990100').unit?.id).toBe('city-market');
    expect(matchUnitName(index, '市场监督管理局', '990104').unit?.id).toBe('city-market');
    expect(matchUnitName(index, '市场监督管理局', '990201')).toEqual({ name: '市场监督管理局', unit: null, candidates: 3 });
    expect(matchUnitName(index, '市水务集团', '990100')).toEqual({ name: '市水务集团', unit: null, candidates: 0 });
  });
});
