import { TargetDirection } from '../task/task-pace.js';
import type { DemoPlan } from './demo-plan.js';

const FIVE = '{Y}年6月30日前';
const EIGHT = '{Y}年10月31日前';

/**
 * 新湖区, shaped after Leizhou 2021 [000], the "营商环境整治提升年": 八个专项整治 due by 10/31 and
 * 五个重点整治 due by 6/30 (the milestones of 集中攻坚), and the towns following the plan. The plan
 * names work groups, not units, for its 整治: the demo gives each the obvious unit.
 */
export const XINHU: DemoPlan = {
  key: 'xinhu',
  regionCode: '990104',
  title: '新湖区“营商环境整治提升年”活动方案',
  issuingBody: '中共江湾市新湖区委 江湾市新湖区人民政府',
  documentNumber: null,
  startsOn: '03-01',
  endsOn: '12-31',
  cadence: null,
  phases: [
    { name: '思想动员和方案制定', startsOn: '03-01', endsOn: '03-10' },
    { name: '重点突破补短板', startsOn: '03-11', endsOn: '04-10' },
    {
      name: '开展集中攻坚',
      startsOn: '04-11',
      endsOn: '10-31',
      milestones: [
        { on: '06-30', title: '完成“五个重点整治”' },
        { on: '10-31', title: '完成“八个专项整治”' },
      ],
    },
    { name: '考评验收和深化提升', startsOn: '11-01', endsOn: '12-31' },
  ],
  specialActions: [
    { title: '审批流程再造专项整治', lead: ['~gov-data'], co: ['~housing', 'city-land'] },
    { title: '简政放权专项整治', lead: ['~gov-data'] },
    { title: '“信息孤岛”专项整治', lead: ['~gov-data'] },
    { title: '诚信体系专项整治', lead: ['city-drc'], co: ['city-finance'] },
    { title: '司法执法环境专项整治', lead: ['city-justice'], co: ['city-public-security'] },
    { title: '不作为乱作为专项整治', lead: ['city-discipline'] },
    { title: '招商引资专项整治', lead: ['city-commerce'] },
    { title: '平安新湖专项整治', lead: ['city-public-security'] },
    { title: '入园项目审批工作重点整治', lead: ['~housing'], co: ['~gov-data', 'city-land'] },
    { title: '非入园项目审批工作重点整治', lead: ['~gov-data'], co: ['~housing'] },
    { title: '非项目审批政务服务工作重点整治', lead: ['~gov-data'] },
    { title: '公职人员勾结“黑中介”整治工作重点整治', lead: ['city-discipline'], co: ['~housing', 'city-land', '~market', 'city-public-security'] },
    { title: '机关作风整治及干部调配工作重点整治', lead: ['city-discipline'] },
  ],
  tasks: [
    { action: 1, title: '制定标准化审批流程，实现工程建设项目审批全流程、全覆盖', lead: ['~gov-data'], co: ['~housing', 'city-land'], due: EIGHT },
    { action: 2, title: '协同下放审批权限，完善基层综合审批', lead: ['~gov-data'], due: EIGHT },
    { action: 3, title: '推进政务信息系统迁移上云和数据共享', lead: ['~gov-data'], due: EIGHT },
    { action: 4, title: '梳理政府对企业失信违诺清单并限期解决', lead: ['city-drc'], co: ['city-finance'], due: EIGHT },
    { action: 5, title: '清理涉企积压案件，规范执法监管', lead: ['city-justice'], co: ['city-public-security'], due: EIGHT },
    { action: 6, title: '整治懒政怠政、不作为乱作为现象', lead: ['city-discipline'], due: EIGHT },
    { action: 7, title: '改善招商引资模式，提升招商服务水平', lead: ['city-commerce'], due: EIGHT },
    { action: 8, title: '化解经济金融、社会矛盾风险隐患', lead: ['city-public-security'], due: EIGHT },
    { action: 9, title: '关键行政审批权全面赋权，入园项目“审批不出园”', lead: ['~housing'], co: ['~gov-data', 'city-land'], due: FIVE, target: { baseline: 0, value: 40, unit: '项', direction: TargetDirection.UP, text: '40项关键行政审批权全面赋权' } },
    { action: 10, title: '推行“极简审批”“容缺受理”“并联审批”，压减项目开工建设时限', lead: ['~gov-data'], co: ['~housing'], due: FIVE, target: { baseline: 0, value: 50, unit: '%', direction: TargetDirection.UP, text: '项目开工建设时限压减至少50%以上' } },
    { action: 11, title: '重新梳理非项目审批政务服务流程，建立电子监察系统', lead: ['~gov-data'], due: FIVE },
    { action: 12, title: '集中整治公职人员勾结“黑中介”“中梗阻”问题', lead: ['city-discipline'], co: ['~housing', 'city-land', '~market', 'city-public-security'], due: FIVE },
    { action: 13, title: '整治机关作风，完善干部动态考核和问责机制', lead: ['city-discipline'], due: FIVE },
    { title: '用一个月时间全面取缔本系统“黑中介”', lead: ['city-discipline'], co: ['~housing', 'city-land', '~market'], due: '{Y}年4月10日前' },
    { title: '新湖街道参照方案开展营商环境整治提升活动', lead: ['~gov-data'], due: EIGHT, town: '001' },
    { title: '明珠街道参照方案开展营商环境整治提升活动', lead: ['~gov-data'], due: EIGHT, town: '002' },
    { title: '东湖街道参照方案开展营商环境整治提升活动', lead: ['~gov-data'], due: EIGHT, town: '003' },
    { title: '湖心镇参照方案开展营商环境整治提升活动', lead: ['~gov-data'], due: EIGHT, town: '004' },
  ],
};
