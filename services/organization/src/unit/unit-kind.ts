import { registerEnumType } from 'type-graphql';

export enum UnitKind {
  CITY_DEPARTMENT = 'CITY_DEPARTMENT',
  DISTRICT_DEPARTMENT = 'DISTRICT_DEPARTMENT',
  TOWN = 'TOWN',
  STATIONED = 'STATIONED',
  UTILITY = 'UTILITY',
}

registerEnumType(UnitKind, { name: 'UnitKind', description: '单位类型：市直部门、区直部门、镇街、驻地单位、公用事业单位' });
