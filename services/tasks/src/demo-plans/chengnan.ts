import { ReportCadence } from '../report/report-period.js';
import { TargetDirection } from '../task/task-pace.js';
import type { DemoPlan } from './demo-plan.js';

const END = '{Y}年底前';
const RECTIFIED = '{Y}年9月30日前';

/**
 * 城南区, shaped after Bayuquan 2018 [003]: the "9+3" 专项行动, each with 牵头部门 and 责任部门,
 * progress reported every month by month end, problems rectified by 9/30.
 */
export const CHENGNAN: DemoPlan = {
  key: 'chengnan',
  regionCode: '990103',
  title: '{Y}年城南区优化营商环境建设工作实施方案',
  issuingBody: '中共江湾市城南区委办公室',
  documentNumber: '城委办发〔{Y}〕5号',
  startsOn: '04-01',
  endsOn: '12-15',
  cadence: ReportCadence.MONTHLY,
  phases: [
    { name: '宣传发动', startsOn: '04-01', endsOn: '04-15' },
    { name: '自检自查', startsOn: '04-16', endsOn: '05-20', milestones: [{ on: '05-20', title: '专项行动子方案及问题、原因、措施清单报区软环境建设办公室备案' }] },
    { name: '整改提升', startsOn: '05-21', endsOn: '09-30', milestones: [{ on: '09-30', title: '存在的问题整改完毕' }] },
    { name: '总结推广', startsOn: '10-01', endsOn: '12-15', milestones: [{ on: '12-15', title: '专项整治行动总结报告报送' }] },
  ],
  specialActions: [
    { title: '整治干部作风专项行动', lead: ['~gov-data'], co: ['city-discipline', 'city-drc', 'city-commerce'] },
    { title: '提升政务服务专项行动', lead: ['~gov-data'] },
    { title: '整治政商交往行为专项行动', lead: ['~gov-data'], co: ['city-discipline'] },
    { title: '改善非公经济（民营经济）发展环境专项行动', lead: ['city-sme'], co: ['city-drc', '~market', 'city-finance'] },
    { title: '解决基层“好狠”问题专项行动', lead: ['~gov-data'], co: ['city-drc', 'city-commerce', 'city-public-security', 'city-justice', '~market', 'city-tax', 'city-power'] },
    { title: '提升城市形象专项行动', lead: ['~housing'], co: ['city-drc', '~market', 'city-public-security'] },
    { title: '解决涉企土地问题专项行动', lead: ['city-land', 'city-finance'], co: ['~housing'] },
    { title: '提升政府诚信力专项行动', lead: ['city-finance'], co: ['~housing', '~gov-data'] },
    { title: '规范行业垄断和中介服务行为专项行动', co: ['city-public-security', '~housing', 'city-power'] },
    { title: '规范执法行为专项行动', lead: ['city-justice'], co: ['~gov-data'] },
    { title: '加快推广复制经验专项行动', lead: ['city-commerce'], co: ['city-drc', 'city-sme', '~gov-data'] },
    { title: '宣传工作专项行动', lead: ['~gov-data'] },
  ],
  tasks: [
    { title: '深入推进“放管服”改革', lead: ['~gov-data'], co: ['city-justice', 'city-drc', 'city-commerce', '~market'], due: END, target: { value: 100, unit: '%', direction: TargetDirection.UP, text: '涉企执法检查事项实行“双随机、一公开”达到100%' } },
    { title: '落实项目、企业“四个一”帮扶制度', lead: ['city-drc', 'city-sme', 'city-commerce'], due: END },
    { action: 1, title: '整治干部作风', lead: ['~gov-data'], co: ['city-discipline', 'city-drc', 'city-commerce'], due: RECTIFIED },
    { action: 2, title: '提升政务服务', lead: ['~gov-data'], due: RECTIFIED, target: { value: 80, unit: '%', direction: TargetDirection.UP, text: '进驻事项全程“网上办”比例不低于80%' } },
    { action: 3, title: '整治政商交往行为', lead: ['~gov-data'], co: ['city-discipline'], due: RECTIFIED, target: { value: 100, unit: '%', direction: TargetDirection.UP, text: '实名举报涉及官商勾结等问题线索100%核查' } },
    { action: 4, title: '改善非公经济（民营经济）发展环境', lead: ['city-sme'], co: ['city-drc', '~market', 'city-finance'], due: RECTIFIED },
    { action: 5, title: '解决基层“好狠”问题', lead: ['~gov-data'], co: ['city-drc', 'city-public-security', '~market', 'city-tax', 'city-power'], due: RECTIFIED },
    { action: 6, title: '提升城市形象', lead: ['~housing'], co: ['city-drc', '~market', 'city-public-security'], due: RECTIFIED },
    { action: 7, title: '解决涉企土地问题', lead: ['city-land', 'city-finance'], co: ['~housing'], due: RECTIFIED },
    { action: 8, title: '提升政府诚信力', lead: ['city-finance'], co: ['~housing', '~gov-data'], due: RECTIFIED },
    { action: 9, title: '规范行业垄断和中介服务行为', lead: ['city-public-security'], co: ['~housing', 'city-power'], due: RECTIFIED },
    { action: 10, title: '规范执法行为', lead: ['city-justice'], co: ['~gov-data'], due: RECTIFIED },
    { action: 11, title: '加快推广复制经验', lead: ['city-commerce'], co: ['city-drc', 'city-sme', '~gov-data'], due: RECTIFIED },
    { action: 12, title: '做好营商环境宣传工作', lead: ['~gov-data'], due: RECTIFIED },
    { title: '做好“第三方评估”建议优化提升工作', lead: ['city-drc'], co: ['~housing', 'city-sme', 'city-finance', 'city-commerce', '~market', '~gov-data', 'city-public-security', 'city-tax', 'city-land'], due: END },
    { title: '持续开展明查暗访，做好涉企投诉案件办理工作', lead: ['~gov-data'], due: END },
  ],
};
