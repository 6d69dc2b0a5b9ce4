import { registerEnumType } from 'type-graphql';

/** Where a complaint came in. */
export enum Channel {
  HOTLINE_12345 = 'HOTLINE_12345',
  HOTLINE_967788 = 'HOTLINE_967788',
  MONITORING_POINT = 'MONITORING_POINT',
  MINXIN_WEB = 'MINXIN_WEB',
  REPORT_PHONE = 'REPORT_PHONE',
  WECHAT = 'WECHAT',
  UNDERCOVER_INSPECTION = 'UNDERCOVER_INSPECTION',
}

/** Typical categories from the plans' 整治 lists. */
export enum ComplaintCategory {
  ASKING_FAVOURS = 'ASKING_FAVOURS',
  BUCK_PASSING = 'BUCK_PASSING',
  ARBITRARY_CHARGES = 'ARBITRARY_CHARGES',
  BROKEN_PROMISES = 'BROKEN_PROMISES',
  BLACK_INTERMEDIARY = 'BLACK_INTERMEDIARY',
  IRREGULAR_ENFORCEMENT = 'IRREGULAR_ENFORCEMENT',
  OTHER = 'OTHER',
}

registerEnumType(Channel, {
  name: 'Channel',
  description: '受理渠道',
  valuesConfig: {
    HOTLINE_12345: { description: '12345政务服务便民热线' },
    HOTLINE_967788: { description: '967788非公有制企业维权热线' },
    MONITORING_POINT: { description: '营商环境监测点' },
    MINXIN_WEB: { description: '民心网' },
    REPORT_PHONE: { description: '公开举报电话' },
    WECHAT: { description: '微信公众号' },
    UNDERCOVER_INSPECTION: { description: '明察暗访' },
  },
});

registerEnumType(ComplaintCategory, {
  name: 'ComplaintCategory',
  description: '投诉类别',
  valuesConfig: {
    ASKING_FAVOURS: { description: '吃拿卡要' },
    BUCK_PASSING: { description: '推诿扯皮、推拖绕、中梗阻' },
    ARBITRARY_CHARGES: { description: '乱收费、乱罚款、乱检查' },
    BROKEN_PROMISES: { description: '新官不理旧账、政策不兑现' },
    BLACK_INTERMEDIARY: { description: '黑中介' },
    IRREGULAR_ENFORCEMENT: { description: '执法不规范' },
    OTHER: { description: '其他' },
  },
});
