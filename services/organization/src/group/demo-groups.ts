import { DEMO_CITY_CODE } from '@bizenv/common/demo-city';
import { stableId } from '@bizenv/common/stable-id';
import { demoPersonId } from '../person/demo-people.js';
import { GroupKind } from './group-kind.js';
import type { GroupMember } from './group-member.entity.js';
import type { Group } from './group.entity.js';

export interface DemoGroup {
  key: string;
  name: string;
  kind: GroupKind;
  regionCode: string;
  parentKey: string | null;
  /** A `DEMO_PEOPLE` key. */
  leaderKey: string | null;
  /** A `DEMO_UNITS` key. */
  leadUnitKey: string | null;
  people: [personKey: string, duty: string][];
  units: [unitKey: string, duty: string][];
}

const CITY_MEMBER_UNITS = ['city-drc', 'city-gov-data', 'city-market', 'city-housing', 'city-land', 'city-commerce', 'city-finance', 'city-justice', 'city-public-security', 'city-sme', 'city-discipline', 'city-tax', 'city-power'];

/** The demo city's 领导小组 with its 办公室, work groups and task forces, and two districts' leading groups. */
export const DEMO_GROUPS: DemoGroup[] = [
  {
    key: 'city-leading',
    name: '江湾市优化营商环境工作领导小组',
    kind: GroupKind.LEADING_GROUP,
    regionCode: DEMO_CITY_CODE,
    parentKey: null,
    leaderKey: 'city.leader',
    leadUnitKey: 'city-bizenv-office',
    people: [['city.leader', '组长'], ['drc.director', '副组长'], ['bizenv.director', '副组长']],
    units: CITY_MEMBER_UNITS.map((key) => [key, '成员单位']),
  },
  {
    key: 'city-office',
    name: '江湾市优化营商环境工作领导小组办公室',
    kind: GroupKind.OFFICE,
    regionCode: DEMO_CITY_CODE,
    parentKey: 'city-leading',
    leaderKey: 'drc.director',
    leadUnitKey: 'city-drc',
    people: [['drc.director', '办公室主任'], ['bizenv.director', '常务副主任'], ['supervisor', '督办联络员']],
    units: [['city-drc', '牵头单位'], ['city-bizenv-office', '日常工作']],
  },
  {
    key: 'city-gov-service',
    name: '政务服务效能提升工作组',
    kind: GroupKind.WORK_GROUP,
    regionCode: DEMO_CITY_CODE,
    parentKey: 'city-leading',
    leaderKey: 'gov-data.director',
    leadUnitKey: 'city-gov-data',
    people: [['gov-data.director', '组长'], ['hotline', '成员']],
    units: [['city-gov-data', '牵头单位'], ['city-market', '成员单位'], ['city-public-security', '成员单位'], ['city-tax', '成员单位']],
  },
  {
    key: 'city-construction-approval',
    name: '工程建设项目审批制度改革专项行动组',
    kind: GroupKind.SPECIAL_ACTION_GROUP,
    regionCode: DEMO_CITY_CODE,
    parentKey: 'city-leading',
    leaderKey: 'housing.director',
    leadUnitKey: 'city-housing',
    people: [['housing.director', '组长']],
    units: [['city-housing', '牵头单位'], ['city-land', '成员单位'], ['city-drc', '成员单位'], ['city-power', '成员单位']],
  },
  {
    key: 'city-conduct',
    name: '损害营商环境问题专项整治工作专班',
    kind: GroupKind.TASK_FORCE,
    regionCode: DEMO_CITY_CODE,
    parentKey: 'city-leading',
    leaderKey: 'discipline.deputy',
    leadUnitKey: 'city-discipline',
    people: [['discipline.deputy', '组长'], ['inspector', '成员'], ['hotline', '线索受理']],
    units: [['city-discipline', '牵头单位'], ['city-gov-data', '成员单位'], ['city-justice', '成员单位']],
  },
  {
    key: 'linjiang-leading',
    name: '临江区优化营商环境工作领导小组',
    kind: GroupKind.LEADING_GROUP,
    regionCode: '990102',
    parentKey: 'city-leading',
    leaderKey: 'linjiang.leader',
    leadUnitKey: '990102-gov-data',
    people: [['linjiang.leader', '组长'], ['linjiang.gov-data.director', '副组长'], ['handler', '联络员']],
    units: [['990102-gov-data', '牵头单位'], ['990102-market', '成员单位'], ['990102-housing', '成员单位'], ['city-tax', '成员单位']],
  },
  {
    key: 'linjiang-project-service',
    name: '临江区重点项目服务工作专班',
    kind: GroupKind.TASK_FORCE,
    regionCode: '990102',
    parentKey: 'linjiang-leading',
    leaderKey: 'linjiang.ambassador',
    leadUnitKey: '990102-gov-data',
    people: [['linjiang.ambassador', '组长'], ['jiangbin.ambassador', '成员']],
    units: [['990102-gov-data', '牵头单位'], ['990102-housing', '成员单位']],
  },
  {
    key: 'chengnan-leading',
    name: '城南区优化营商环境工作领导小组',
    kind: GroupKind.LEADING_GROUP,
    regionCode: '990103',
    parentKey: 'city-leading',
    leaderKey: 'chengnan.leader',
    leadUnitKey: '990103-gov-data',
    people: [['chengnan.leader', '组长'], ['chengnan.market.director', '成员']],
    units: [['990103-gov-data', '牵头单位'], ['990103-market', '成员单位'], ['990103-housing', '成员单位']],
  },
];

export const demoGroupId = (key: string): string => stableId(`group:${key}`);

export function demoGroupRows(): { groups: Group[]; members: Omit<GroupMember, 'id'>[] } {
  return {
    groups: DEMO_GROUPS.map((g) => ({
      id: demoGroupId(g.key),
      name: g.name,
      kind: g.kind,
      regionCode: g.regionCode,
      parentId: g.parentKey ? demoGroupId(g.parentKey) : null,
      leaderId: g.leaderKey ? demoPersonId(g.leaderKey) : null,
      leadUnitId: g.leadUnitKey ? stableId(g.leadUnitKey) : null,
    })),
    members: DEMO_GROUPS.flatMap((g) => [
      ...g.people.map(([key, duty]) => ({ groupId: demoGroupId(g.key), personId: demoPersonId(key), unitId: null, duty })),
      ...g.units.map(([key, duty]) => ({ groupId: demoGroupId(g.key), personId: null, unitId: stableId(key), duty })),
    ]),
  };
}
