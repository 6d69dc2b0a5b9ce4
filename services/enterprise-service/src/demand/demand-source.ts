import { registerEnumType } from 'type-graphql';

/** How a demand came in. */
export enum DemandSource {
  VISIT = 'VISIT',
  MONITORING_POINT = 'MONITORING_POINT',
  OTHER = 'OTHER',
}

registerEnumType(DemandSource, {
  name: 'DemandSource',
  description: '诉求来源',
  valuesConfig: {
    VISIT: { description: '走访中提出' },
    MONITORING_POINT: { description: '营商环境监测点随手拍' },
    OTHER: { description: '其他渠道' },
  },
});
