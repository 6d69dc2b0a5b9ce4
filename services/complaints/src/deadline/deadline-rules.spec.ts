import { describe, expect, it } from 'vitest';
import { Channel, ComplaintCategory } from '../complaint/complaint-enums.js';
import { checkedDays, DEFAULT_DEADLINE_RULES, pickRule, ruleKey } from './deadline-rules.js';

const rule = (channel: Channel | null, category: ComplaintCategory | null) => ({ key: ruleKey({ channel, category }) });

describe('the deadline table', () => {
  const rules = [rule(null, null), rule(Channel.WECHAT, null), rule(null, ComplaintCategory.ASKING_FAVOURS), rule(Channel.WECHAT, ComplaintCategory.ASKING_FAVOURS)];

  it('picks the most specific rule: channel and category, channel, category, default', () => {
    expect(pickRule(rules, Channel.WECHAT, ComplaintCategory.ASKING_FAVOURS).key).toBe('WECHAT/ASKING_FAVOURS');
    expect(pickRule(rules, Channel.WECHAT, ComplaintCategory.OTHER).key).toBe('WECHAT/*');
    expect(pickRule(rules, Channel.HOTLINE_12345, ComplaintCategory.ASKING_FAVOURS).key).toBe('*/ASKING_FAVOURS');
    expect(pickRule(rules, Channel.HOTLINE_12345, ComplaintCategory.OTHER).key).toBe('*/*');
  });

  it('starts with the plans: 5 working days for enterprises, a written reply in 7, close in 30', () => {
    const days = (channel: Channel) => pickRule(DEFAULT_DEADLINE_RULES, channel, ComplaintCategory.OTHER);
    expect(days(Channel.HOTLINE_967788)).toMatchObject({ replyWorkingDays: 5, closeWorkingDays: 30 });
    expect(days(Channel.MONITORING_POINT)).toMatchObject({ replyWorkingDays: 5, closeWorkingDays: 30 });
    expect(days(Channel.MINXIN_WEB)).toMatchObject({ replyWorkingDays: 7, closeWorkingDays: 30, yellowWorkingDays: 1 });
  });

  it('refuses days out of range, a reply later than the close, and a bad yellow window', () => {
    const bad = (days: Partial<Parameters<typeof checkedDays>[0]>) => () => checkedDays({ replyWorkingDays: 5, closeWorkingDays: 30, yellowWorkingDays: 1, ...days });
    expect(bad({ replyWorkingDays: 0 })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'replyWorkingDays' }) }));
    expect(bad({ closeWorkingDays: 366 })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'closeWorkingDays' }) }));
    expect(bad({ replyWorkingDays: 31 })).toThrow('答复期限不能长于办结期限');
    expect(bad({ yellowWorkingDays: 11 })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'yellowWorkingDays' }) }));
    expect(bad({ replyWorkingDays: 2.5 })).toThrow();
    expect(checkedDays({ replyWorkingDays: 30, closeWorkingDays: 30, yellowWorkingDays: 10 })).toEqual({ replyWorkingDays: 30, closeWorkingDays: 30, yellowWorkingDays: 10 });
  });
});
