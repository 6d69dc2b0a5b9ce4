/**
 * The fictional demo city 江湾市 (codes under the unused province prefix 99, so no real
 * boundary or place is implied). Every subgraph seeds its own tables from this one description.
 */
import { stableId } from './stable-id.js';

export interface DemoRegion {
  code: string;
  name: string;
  level: 'CITY' | 'DISTRICT' | 'TOWN' | 'PARK';
  parentCode: string | null;
}

export interface DemoUnit {
  key: string;
  name: string;
  regionCode: string;
  kind: 'CITY_DEPARTMENT' | 'DISTRICT_DEPARTMENT' | 'TOWN' | 'STATIONED' | 'UTILITY';
  /** 第一类 (the plan's responsible units) or 第二类 (other and stationed units); none for the office running the campaign. */
  category: 'FIRST' | 'SECOND' | null;
}

export const DEMO_CITY_CODE = '990100';

const districts: [string, string, DemoRegion['level'], string[]][] = [
  ['990102', '临江区', 'DISTRICT', ['江滨街道', '滨湖街道', '望江街道', '临江镇', '白沙镇']],
  ['990103', '城南区', 'DISTRICT', ['南门街道', '南湖街道', '石桥街道', '梅林镇', '高塘镇', '龙泉镇']],
  ['990104', '新湖区', 'DISTRICT', ['新湖街道', '明珠街道', '东湖街道', '湖心镇']],
  ['990121', '青山县', 'DISTRICT', ['城关镇', '青山镇', '石门镇', '柳溪乡', '松岭镇', '大坪乡', '白云乡']],
  ['990171', '江湾高新技术产业开发区', 'PARK', ['高新园街道', '光谷片区', '智造片区', '临港片区']],
  ['990172', '江湾临港经济开发区', 'PARK', ['港城街道', '物流园片区', '保税片区', '海湾片区']],
];

export const DEMO_REGIONS: DemoRegion[] = [
  { code: DEMO_CITY_CODE, name: '江湾市', level: 'CITY', parentCode: null },
  ...districts.flatMap(([code, name, level, towns]) => [
    { code, name, level, parentCode: DEMO_CITY_CODE },
    ...towns.map((town, i) => ({
      code: `${code}${String(i + 1).padStart(3, '0')}`,
      name: town,
      level: 'TOWN' as const,
      parentCode: code,
    })),
  ]),
];

const cityDepartments = [
  ['city-drc', '市发展和改革委员会', 'FIRST'],
  ['city-gov-data', '市政务服务数据管理局', 'FIRST'],
  ['city-market', '市市场监督管理局', 'FIRST'],
  ['city-housing', '市住房和城乡建设局', 'FIRST'],
  ['city-land', '市自然资源局', 'FIRST'],
  ['city-commerce', '市商务局', 'FIRST'],
  ['city-finance', '市财政局', 'FIRST'],
  ['city-justice', '市司法局', 'FIRST'],
  ['city-public-security', '市公安局', 'FIRST'],
  ['city-sme', '市中小企业服务局', 'FIRST'],
  ['city-bizenv-office', '市优化营商环境工作领导小组办公室', null],
  ['city-discipline', '市纪委监委', 'SECOND'],
] as const;

export const DEMO_UNITS: DemoUnit[] = [
  ...cityDepartments.map(([key, name, category]) => ({ key, name, regionCode: DEMO_CITY_CODE, kind: 'CITY_DEPARTMENT' as const, category })),
  { key: 'city-tax', name: '国家税务总局江湾市税务局', regionCode: DEMO_CITY_CODE, kind: 'STATIONED', category: 'SECOND' },
  { key: 'city-power', name: '江湾供电公司', regionCode: DEMO_CITY_CODE, kind: 'UTILITY', category: 'SECOND' },
  ...districts.flatMap(([code, name]) =>
    [
      ['gov-data', '政务服务数据管理局'],
      ['market', '市场监督管理局'],
      ['housing', '住房和城乡建设局'],
    ].map(([suffix, department]) => ({
      key: `${code}-${suffix}`,
      name: `${name}${department}`,
      regionCode: code,
      kind: 'DISTRICT_DEPARTMENT' as const,
      category: 'FIRST' as const,
    })),
  ),
];

/**
 * The person id of the demo account `username` (the id its old `app_user` row had), so that
 * other subgraphs' demo data (an ambassador's assignments, a visit's visitors) names that person.
 */
export function demoAccountPersonId(username: string): string {
  return stableId(`user:${username}`);
}
