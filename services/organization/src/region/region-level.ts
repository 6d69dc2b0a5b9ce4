import { registerEnumType } from 'type-graphql';

export enum RegionLevel {
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  TOWN = 'TOWN',
  PARK = 'PARK',
}

registerEnumType(RegionLevel, { name: 'RegionLevel', description: '行政区划层级：市、区县、镇街、园区' });
