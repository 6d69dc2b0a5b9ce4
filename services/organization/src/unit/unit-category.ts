import { registerEnumType } from 'type-graphql';

/** 第一类/第二类参与单位 of a campaign (e.g. Leizhou 2021: 42 responsible units, 45 others). */
export enum UnitCategory {
  FIRST = 'FIRST',
  SECOND = 'SECOND',
}

registerEnumType(UnitCategory, {
  name: 'UnitCategory',
  description: '参与单位类别',
  valuesConfig: {
    FIRST: { description: '第一类参与单位：实施方案的责任单位' },
    SECOND: { description: '第二类参与单位：第一类以外的有关单位及驻地单位' },
  },
});
