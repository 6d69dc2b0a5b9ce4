import { ReportCadence } from '../report/report-period.js';
import { TargetDirection } from '../task/task-pace.js';
import type { DemoPlan } from './demo-plan.js';

const END = '{Y}年底前';
const MID_NOVEMBER = '{Y}年11月15日前';
/** 牵头领导: the district's deputy head, the demo account `linjiang.leader`. */
const LEADER = 'linjiang.leader';
const WINDOWS = ['~market', 'city-tax', 'city-public-security'];

/**
 * 临江区, shaped after Honggutan 2022 [004]: five 专项行动 each with a 牵头领导 and a 总责任单位,
 * 30 numbered tasks, 双月调度 (reported every two months).
 */
export const LINJIANG: DemoPlan = {
  key: 'linjiang',
  regionCode: '990102',
  title: '临江区关于深入推进优化营商环境“一号改革工程”全力打造区域性标杆城区行动方案',
  issuingBody: '中共临江区委办公室 临江区人民政府办公室',
  documentNumber: '临办发〔{Y}〕9号',
  startsOn: '03-01',
  endsOn: '12-31',
  cadence: ReportCadence.BIMONTHLY,
  phases: [
    { name: '动员部署', startsOn: '03-01', endsOn: '03-10' },
    { name: '优化提升', startsOn: '03-11', endsOn: '11-15', milestones: [{ on: '03-15', title: '明确可量化的任务清单' }] },
    { name: '综合考评', startsOn: '11-21', endsOn: '12-25' },
  ],
  specialActions: [
    { title: '实施提升政务服务满意度专项行动', leader: LEADER, overall: '~gov-data', lead: ['~gov-data'] },
    { title: '实施降低企业成本专项行动', leader: LEADER, overall: 'city-drc', lead: ['city-drc'] },
    { title: '实施企业家权益保护专项行动', leader: LEADER, overall: 'city-justice', lead: ['city-justice'] },
    { title: '实施涉企服务优化专项行动', leader: LEADER, overall: 'city-commerce', lead: ['city-commerce'] },
    { title: '实施作风建设监督问责专项行动', leader: LEADER, overall: 'city-discipline', lead: ['city-discipline'] },
  ],
  tasks: [
    { action: 1, title: '大力推进政务服务“网上办”', lead: ['~gov-data'], due: END, target: { value: 90, unit: '%', direction: TargetDirection.UP, text: '100%事项“网上可办”和90%以上事项“全程网办”' } },
    { action: 1, title: '持续深化政务服务标准化建设', lead: ['~gov-data'], due: END },
    { action: 1, title: '着力推动政务服务便利化', lead: ['~gov-data'], due: END, target: { baseline: 0, value: 41, unit: '项', direction: TargetDirection.UP, text: '推出不少于40+1（企业开办）项“一件事一次办”服务' } },
    { action: 1, title: '深入规范行政审批中介服务', lead: ['~gov-data'], due: MID_NOVEMBER },
    { action: 1, title: '优化完善帮代办机制', lead: ['~gov-data'], co: WINDOWS, due: MID_NOVEMBER },
    { action: 1, title: '建立健全综合评价体系', lead: ['~gov-data'], co: WINDOWS, due: MID_NOVEMBER },
    { action: 2, title: '推动涉企资金政策兑现', lead: ['~gov-data', 'city-finance', 'city-sme'], co: ['city-drc', 'city-justice', '~housing', 'city-commerce'], due: MID_NOVEMBER },
    { action: 2, title: '大力提升企业获得信贷实效性', lead: ['city-finance'], co: ['city-sme', 'city-commerce', '~housing'], due: END },
    { action: 2, title: '规范金融秩序', lead: ['city-finance'], co: ['city-public-security', 'city-tax', '~market', '~gov-data'], due: END },
    { action: 2, title: '减轻企业负担', lead: ['city-tax', 'city-finance', 'city-drc'], co: ['~market', 'city-sme', '~housing', 'city-land'], due: END },
    { action: 2, title: '打造诚信政府', lead: ['city-drc'], co: ['city-discipline', 'city-commerce'], due: END },
    { action: 2, title: '建设“诚信临江”', lead: ['city-drc'], due: END },
    { action: 3, title: '强化法律支持', lead: ['city-justice', 'city-commerce'], co: ['city-public-security'], due: MID_NOVEMBER },
    { action: 3, title: '推行公正审慎执法', lead: ['city-justice', '~market'], co: ['city-tax'], due: END },
    { action: 3, n: 16, title: '建立涉企案件办理评价机制', lead: ['city-justice'], co: ['city-public-security'], due: END },
    { action: 3, title: '创新法律服务形式', lead: ['city-commerce', 'city-justice'], due: MID_NOVEMBER },
    { action: 4, n: 19, title: '构建完善物流服务体系', lead: ['city-commerce'], co: ['city-drc', 'city-public-security'], due: END },
    { action: 4, title: '建立“小升规”重点企业培育库', lead: ['city-sme'], co: ['city-drc', 'city-commerce', 'city-finance', 'city-tax', '~gov-data'], due: END },
    { action: 4, title: '建设企业服务平台', lead: ['city-sme'], co: ['~gov-data'], due: MID_NOVEMBER },
    { action: 4, title: '健全市场主体准入和退出机制', lead: ['~market'], co: ['city-drc', '~gov-data', 'city-public-security', 'city-commerce', 'city-tax'], due: END },
    { action: 4, title: '健全政府采购机制', lead: ['city-finance'], due: END },
    { action: 4, title: '健全招投标机制', lead: ['~housing', 'city-drc'], co: ['city-commerce'], due: END },
    { action: 5, title: '深入实施“转作风提效率树形象”专项整治', lead: ['city-discipline'], due: END },
    { action: 5, title: '开展基层干部作风整顿专项行动', lead: ['city-discipline'], due: END },
    { action: 5, title: '建立问题线索移交处理联动机制', lead: ['city-discipline'], due: MID_NOVEMBER },
    { action: 5, title: '建立企业营商环境监测点', lead: ['city-discipline'], due: '{Y}年6月30日前' },
    { action: 5, title: '开展公职人员不作为乱作为专项治理行动', lead: ['city-discipline'], due: END },
    { action: 5, title: '实施容错免责制度', lead: ['city-discipline'], due: END },
  ],
};
