import type { DemoPlan } from './demo-plan.js';

const RECTIFIED = '{Y}年8月底前';

/**
 * 青山县, shaped after the anonymised Jiangxi county plan of 2023 [001]: six 专项整治 with their
 * 责任单位, 一报告四清单 by the end of 问题查摆, rectification in 8 月, consolidation to year end.
 */
export const QINGSHAN: DemoPlan = {
  key: 'qingshan',
  regionCode: '990121',
  title: '青山县关于持续深化作风整顿优化营商环境专项行动实施方案',
  issuingBody: '中共青山县委办公室',
  documentNumber: '青办字〔{Y}〕14号',
  startsOn: '06-01',
  endsOn: '12-31',
  cadence: null,
  phases: [
    { name: '动员部署', startsOn: '06-01', endsOn: '06-30' },
    { name: '问题查摆', startsOn: '07-01', endsOn: '07-31', milestones: [{ on: '07-31', title: '形成“一报告四清单”' }] },
    { name: '整改落实', startsOn: '08-01', endsOn: '08-31' },
    { name: '巩固提升', startsOn: '09-01', endsOn: '12-31' },
  ],
  specialActions: [
    { title: '聚焦吃拿卡要行为，开展“肠梗阻”专项整治', lead: ['city-discipline'] },
    { title: '聚焦历史遗留问题，开展“新官不理旧账”专项整治', lead: ['city-drc', 'city-commerce'], co: ['city-discipline', 'city-finance', '~gov-data'] },
    { title: '聚焦项目关键环节，开展工程领域专项整治', lead: ['~housing', 'city-drc'], co: ['city-discipline', 'city-finance', 'city-land'] },
    { title: '聚焦生产条件配套，开展要素保障专项整治', lead: ['city-drc', 'city-land'], co: ['city-power', '~housing', 'city-tax', 'city-commerce'] },
    { title: '聚焦业务流程再造，开展政务服务专项整治', lead: ['~gov-data'], co: ['~housing'] },
    { title: '聚焦涉企纠纷化解，开展法治保障专项整治', lead: ['city-justice'], co: ['city-public-security', '~market', 'city-drc'] },
  ],
  tasks: [
    { action: 1, title: '整治吃拿卡要、“推拖绕”“中梗阻”问题', lead: ['city-discipline'], due: RECTIFIED },
    { action: 2, title: '整治政策不兑现、“新官不理旧账”问题', lead: ['city-drc', 'city-commerce'], co: ['city-discipline', 'city-finance', '~gov-data'], due: RECTIFIED },
    { action: 3, title: '整治工程领域围标串标、审计结算慢、项目推进“慢拖绕”问题', lead: ['~housing', 'city-drc'], co: ['city-discipline', 'city-finance', 'city-land'], due: RECTIFIED },
    { action: 4, title: '整治用地、用水、用电、用气、融资、纳税突出问题', lead: ['city-drc', 'city-land'], co: ['city-power', '~housing', 'city-tax', 'city-commerce'], due: RECTIFIED },
    { action: 5, title: '整治办事流程不公开、“一网一窗一次”落实不彻底问题', lead: ['~gov-data'], co: ['~housing'], due: RECTIFIED },
    { action: 6, title: '整治涉企投诉受理不及时、判决结果久拖不办问题', lead: ['city-justice'], co: ['city-public-security', '~market', 'city-drc'], due: RECTIFIED },
    { title: '各地各单位形成“一报告四清单”', lead: ['city-discipline'], co: ['~gov-data', '~market', '~housing'], due: '{Y}年7月31日前' },
    { title: '开展整改落实情况“回头看”', lead: ['city-discipline'], co: ['~gov-data', '~market', '~housing'], due: '{Y}年底前' },
    { title: '成立督查工作组不定期开展督查', lead: ['city-discipline'], due: '{Y}年底前' },
  ],
};
