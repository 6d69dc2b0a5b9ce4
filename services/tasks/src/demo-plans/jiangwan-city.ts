import { ReportCadence } from '../report/report-period.js';
import { TargetDirection } from '../task/task-pace.js';
import type { DemoPlan } from './demo-plan.js';

const { UP, DOWN } = TargetDirection;
const END = '{Y}年底前';

/** The city's plan, shaped after Weihai 2018 [002]: 37 重点工作 in six 环境, reported quarterly. */
export const JIANGWAN_CITY: DemoPlan = {
  key: 'jiangwan-city',
  regionCode: '990100',
  title: '江湾市优化营商环境工作方案',
  issuingBody: '中共江湾市委办公室 江湾市人民政府办公室',
  documentNumber: '江办发〔{Y}〕21号',
  startsOn: '08-01',
  endsOn: '12-31',
  cadence: ReportCadence.QUARTERLY,
  phases: [
    { name: '全面自查、建立清单', startsOn: '08-01', endsOn: '08-15', milestones: [{ on: '08-15', title: '形成自查整改清单' }] },
    { name: '细化措施、重点攻坚', startsOn: '08-16', endsOn: '09-30', milestones: [{ on: '09-30', title: '社会投资项目审批时间压缩至40个工作日内' }] },
    {
      name: '督查评估、阶段总结',
      startsOn: '10-01',
      endsOn: '12-31',
      milestones: [
        { on: '10-31', title: '抽查回访37项重点工作进展' },
        { on: '12-31', title: '形成阶段性总结报告' },
      ],
    },
  ],
  specialActions: [],
  tasks: [
    { title: '压缩企业开办注销时间', lead: ['city-market'], co: ['city-public-security', 'city-tax'], due: END, target: { value: 3, unit: '工作日', direction: DOWN, text: '新开办企业3个工作日内完成执照办理、公章刻制、银行开户、涉税办理、社保登记' } },
    { title: '方便企业获得水电暖气', lead: ['city-housing'], co: ['city-power'], due: END, target: { value: 20, unit: '工作日', direction: DOWN, text: '供水报装办理时限压减至20个工作日' } },
    { title: '压缩不动产登记办理时限', lead: ['city-land'], co: ['city-housing', 'city-tax'], due: END, target: { value: 5, unit: '工作日', direction: DOWN, text: '涉及实体经济企业的不动产登记实行5个工作日内办结' } },
    { title: '优化工程建设项目审批流程', lead: ['city-housing'], co: ['city-drc', 'city-land', 'city-public-security'], due: '{Y}年9月底前', target: { value: 40, unit: '工作日', direction: DOWN, text: '社会投资项目从立项到竣工验收备案的审批时间压缩至40个工作日内' } },
    { title: '探索试点企业投资项目建设承诺制', lead: ['city-drc', 'city-sme'], co: ['city-housing'], due: END },
    { n: 8, title: '鼓励民间资本参与政府和社会资本合作', lead: ['city-drc', 'city-finance'], due: END },
    { title: '减轻企业税费负担', lead: ['city-finance'], co: ['city-tax'], due: '{Y}年9月底前' },
    { title: '简化企业报税程序', lead: ['city-tax'], due: END, target: { baseline: 56, value: 70, unit: '%', direction: UP, text: '网上办税比例由56%提升到70%以上' } },
    { title: '方便物流车辆通行', lead: ['city-public-security'], due: '{Y}年10月底前' },
    { title: '提升跨境贸易便利化水平', lead: ['city-commerce'], due: END, target: { baseline: 49, value: 24, unit: '个', direction: DOWN, text: '通关环节由49个压缩到24个' } },
    { title: '加大小微企业信贷支持力度', lead: ['city-finance'], co: ['city-sme'], due: END },
    { n: 15, title: '降低市场准入门槛', lead: ['city-market'], due: END },
    { title: '清理规范中介服务', lead: ['city-drc', 'city-finance'], due: END },
    { n: 18, title: '创新市场主体信用监管', lead: ['city-drc', 'city-market'], due: END },
    { title: '包容审慎监管新经济新业态', lead: ['city-market'], due: END },
    { title: '全面推进“双随机、一公开”监管', lead: ['city-market', 'city-justice', 'city-drc'], due: '{Y}年12月底前' },
    { title: '规范涉企行政执法行为', lead: ['city-justice', 'city-discipline'], co: ['city-public-security', 'city-market'], due: END },
    { title: '依法保护企业合法权益', lead: ['city-drc'], due: END },
    { n: 25, title: '强化企业经营法治保障', lead: ['city-public-security'], due: END },
    { title: '提高外籍人才签证和工作便利度', lead: ['city-public-security'], due: END },
    { title: '深化户籍制度改革', lead: ['city-public-security'], due: '{Y}年10月底前' },
    { n: 32, title: '全面推行咨询导办贴心帮办全程代办服务', lead: ['city-gov-data'], due: END },
    { title: '建立招商“服务大使”制度', lead: ['city-commerce'], due: '{Y}年10月底前' },
    { title: '推进政务信息资源整合共享', lead: ['city-gov-data'], due: END, target: { value: 95, unit: '%', direction: UP, text: '业务系统上云的达到全市95%以上' } },
    { title: '简化优化办事流程', lead: ['city-gov-data'], co: ['city-justice'], due: END },
    { title: '加强数据资源开发利用', lead: ['city-gov-data'], due: END },
    { title: '加强政务诚信建设', lead: ['city-drc'], due: END },
  ],
};
