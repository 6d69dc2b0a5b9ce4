import { registerEnumType } from 'type-graphql';

/** 国民经济行业分类 (GB/T 4754-2017) 门类, A to T. */
export enum IndustrySection {
  A = 'A', B = 'B', C = 'C', D = 'D', E = 'E', F = 'F', G = 'G', H = 'H', I = 'I', J = 'J',
  K = 'K', L = 'L', M = 'M', N = 'N', O = 'O', P = 'P', Q = 'Q', R = 'R', S = 'S', T = 'T',
}

export const INDUSTRY_NAMES: Record<IndustrySection, string> = {
  A: '农、林、牧、渔业',
  B: '采矿业',
  C: '制造业',
  D: '电力、热力、燃气及水生产和供应业',
  E: '建筑业',
  F: '批发和零售业',
  G: '交通运输、仓储和邮政业',
  H: '住宿和餐饮业',
  I: '信息传输、软件和信息技术服务业',
  J: '金融业',
  K: '房地产业',
  L: '租赁和商务服务业',
  M: '科学研究和技术服务业',
  N: '水利、环境和公共设施管理业',
  O: '居民服务、修理和其他服务业',
  P: '教育',
  Q: '卫生和社会工作',
  R: '文化、体育和娱乐业',
  S: '公共管理、社会保障和社会组织',
  T: '国际组织',
};

registerEnumType(IndustrySection, {
  name: 'IndustrySection',
  description: '国民经济行业分类（GB/T 4754-2017）门类',
  valuesConfig: Object.fromEntries(Object.entries(INDUSTRY_NAMES).map(([key, name]) => [key, { description: name }])),
});

/** 企业规模 (统计上大中小微型企业划分办法). */
export enum EnterpriseScale {
  LARGE = 'LARGE',
  MEDIUM = 'MEDIUM',
  SMALL = 'SMALL',
  MICRO = 'MICRO',
}

export const SCALE_NAMES: Record<EnterpriseScale, string> = { LARGE: '大型', MEDIUM: '中型', SMALL: '小型', MICRO: '微型' };

registerEnumType(EnterpriseScale, {
  name: 'EnterpriseScale',
  description: '企业规模',
  valuesConfig: Object.fromEntries(Object.entries(SCALE_NAMES).map(([key, name]) => [key, { description: name }])),
});
