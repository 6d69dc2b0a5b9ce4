import { Role } from '@bizenv/common/auth';
import { DEMO_CITY_CODE, demoAccountPersonId } from '@bizenv/common/demo-city';
import { stableId } from '@bizenv/common/stable-id';
import { NO_FAILED_SIGN_INS } from './lockout.js';
import type { Person } from './person.entity.js';

export interface DemoPerson {
  /** The username when `account`, else a key for the demo groups. */
  key: string;
  account: boolean;
  name: string;
  title: string;
  roles: Role[];
  regionCode: string;
  /** A `DEMO_UNITS` key; leaders belong to the government, which is not a unit here. */
  unitKey: string | null;
}

const LINJIANG = '990102';
const CHENGNAN = '990103';
const JIANGBIN = '990102001';

const account = (key: string, name: string, title: string, roles: Role[], regionCode: string, unitKey: string | null): DemoPerson => ({
  key, account: true, name, title, roles, regionCode, unitKey,
});
const cadre = (key: string, name: string, title: string, regionCode: string, unitKey: string | null): DemoPerson => ({
  key, account: false, name, title, roles: [], regionCode, unitKey,
});

/** One account per kind of caller (listed in the README), and the people the demo groups name. */
export const DEMO_PEOPLE: DemoPerson[] = [
  account('admin', '系统管理员', '系统管理员', [Role.ADMIN], DEMO_CITY_CODE, 'city-gov-data'),
  account('city.leader', '市领导', '副市长', [Role.LEADER], DEMO_CITY_CODE, null),
  account('linjiang.leader', '临江区领导', '副区长', [Role.LEADER], LINJIANG, null),
  account('hotline', '12345热线受理员', '12345热线受理员', [Role.HOTLINE_OPERATOR], DEMO_CITY_CODE, 'city-gov-data'),
  account('supervisor', '市营商办督办员', '督查科科员', [Role.SUPERVISOR], DEMO_CITY_CODE, 'city-bizenv-office'),
  account('inspector', '市纪委监委监督检查员', '第三监督检查室干部', [Role.DISCIPLINE_INSPECTOR], DEMO_CITY_CODE, 'city-discipline'),
  account('ambassador', '市级服务大使', '市级招商服务大使', [Role.SERVICE_AMBASSADOR], DEMO_CITY_CODE, 'city-commerce'),
  account('linjiang.ambassador', '临江区服务大使', '区级招商服务大使', [Role.SERVICE_AMBASSADOR], LINJIANG, `${LINJIANG}-gov-data`),
  account('jiangbin.ambassador', '江滨街道服务大使', '街道招商服务大使', [Role.SERVICE_AMBASSADOR], JIANGBIN, `${LINJIANG}-gov-data`),
  account('handler', '临江区市场监管局承办人', '登记注册科科员', [Role.UNIT_HANDLER], LINJIANG, `${LINJIANG}-market`),
  account('handler.tax', '市税务局承办人', '纳税服务科科员', [Role.UNIT_HANDLER], DEMO_CITY_CODE, 'city-tax'),
  account('screen', '指挥中心大屏', '指挥中心大屏（设备账号）', [Role.SCREEN], DEMO_CITY_CODE, 'city-bizenv-office'),
  account('security', '安全管理员', '安全管理员', [Role.SECURITY_ADMIN], DEMO_CITY_CODE, 'city-gov-data'),
  account('auditor', '审计管理员', '审计管理员', [Role.AUDITOR], DEMO_CITY_CODE, 'city-gov-data'),
  cadre('drc.director', '市发展改革委主任', '主任', DEMO_CITY_CODE, 'city-drc'),
  cadre('bizenv.director', '市营商办主任', '主任', DEMO_CITY_CODE, 'city-bizenv-office'),
  cadre('gov-data.director', '市政务服务数据管理局局长', '局长', DEMO_CITY_CODE, 'city-gov-data'),
  cadre('housing.director', '市住房和城乡建设局局长', '局长', DEMO_CITY_CODE, 'city-housing'),
  cadre('discipline.deputy', '市纪委监委副书记', '副书记', DEMO_CITY_CODE, 'city-discipline'),
  cadre('linjiang.gov-data.director', '临江区政务服务数据管理局局长', '局长', LINJIANG, `${LINJIANG}-gov-data`),
  cadre('chengnan.leader', '城南区领导', '副区长', CHENGNAN, null),
  cadre('chengnan.market.director', '城南区市场监督管理局局长', '局长', CHENGNAN, `${CHENGNAN}-market`),
];

/** Accounts keep the ids the old `app_user` rows had, which other subgraphs' demo data name. */
export function demoPersonId(key: string): string {
  const person = DEMO_PEOPLE.find((p) => p.key === key);
  if (!person) throw new Error(`unknown demo person ${key}`);
  return person.account ? demoAccountPersonId(key) : stableId(`person:${key}`);
}

export function demoPersonRows(passwordHash: string): Person[] {
  return DEMO_PEOPLE.map((p) => ({
    id: demoPersonId(p.key),
    name: p.name,
    title: p.title,
    unitId: p.unitKey ? stableId(p.unitKey) : null,
    regionCode: p.regionCode,
    roles: p.roles,
    username: p.account ? p.key : null,
    passwordHash: p.account ? passwordHash : null,
    ...NO_FAILED_SIGN_INS,
  }));
}
