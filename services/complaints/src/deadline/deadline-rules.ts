import type { DeadlineDays } from '@bizenv/common/closed-loop-deadlines';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { DEFAULT_YELLOW_WORKING_DAYS } from '@bizenv/common/lights';
import { Channel, type ComplaintCategory } from '../complaint/complaint-enums.js';

/** A rule's scope: a channel, a category, both, or neither (the default). */
export interface DeadlineScope {
  channel: Channel | null;
  category: ComplaintCategory | null;
}

export interface DeadlineRuleValues extends DeadlineScope, DeadlineDays {
  key: string;
}

/** `<channel>/<category>`, `*` for either left open: one row per scope, the default is `* / *`. */
export function ruleKey(scope: DeadlineScope): string {
  return `${scope.channel ?? '*'}/${scope.category ?? '*'}`;
}

const defaultRule = (channel: Channel | null, replyWorkingDays: number): DeadlineRuleValues => {
  const scope = { channel, category: null };
  return { key: ruleKey(scope), ...scope, replyWorkingDays, closeWorkingDays: 30, yellowWorkingDays: DEFAULT_YELLOW_WORKING_DAYS };
};

/**
 * The plans' rules, stored by the migration and changed at run time: a written reply within 7
 * working days and closing within 30 [003]; an enterprise's complaint (967788 hotline,
 * monitoring points) answered within 5 [002].
 */
export const DEFAULT_DEADLINE_RULES: readonly DeadlineRuleValues[] = [
  defaultRule(null, 7),
  defaultRule(Channel.HOTLINE_967788, 5),
  defaultRule(Channel.MONITORING_POINT, 5),
];

/** Most specific first: channel and category, channel, category, the default. */
const SPECIFICITY = [
  (c: Channel, k: ComplaintCategory) => ruleKey({ channel: c, category: k }),
  (c: Channel) => ruleKey({ channel: c, category: null }),
  (_c: Channel, k: ComplaintCategory) => ruleKey({ channel: null, category: k }),
  () => ruleKey({ channel: null, category: null }),
];

/** The rule a complaint of `channel` and `category` gets. The default rule always exists. */
export function pickRule<T extends { key: string }>(rules: readonly T[], channel: Channel, category: ComplaintCategory): T {
  const byKey = new Map(rules.map((rule) => [rule.key, rule]));
  for (const keyOf of SPECIFICITY) {
    const rule = byKey.get(keyOf(channel, category));
    if (rule) return rule;
  }
  throw new Error('the default deadline rule is missing');
}

export const MAX_DEADLINE_DAYS = 365;
export const MAX_YELLOW_DAYS = 10;

function invalid(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.BadUserInput, message, { field });
}

/** 1–365 working days each, a reply no later than the close, a yellow window of 1–10 working days. */
export function checkedDays(days: DeadlineDays): DeadlineDays {
  for (const [field, label] of [['replyWorkingDays', '答复期限'], ['closeWorkingDays', '办结期限']] as const) {
    const value = days[field];
    if (!Number.isInteger(value) || value < 1 || value > MAX_DEADLINE_DAYS) throw invalid(field, `${label}应为1到${MAX_DEADLINE_DAYS}个工作日`);
  }
  if (days.replyWorkingDays > days.closeWorkingDays) throw invalid('replyWorkingDays', '答复期限不能长于办结期限');
  const yellow = days.yellowWorkingDays;
  if (!Number.isInteger(yellow) || yellow < 1 || yellow > MAX_YELLOW_DAYS) throw invalid('yellowWorkingDays', `黄灯提前量应为1到${MAX_YELLOW_DAYS}个工作日`);
  return { replyWorkingDays: days.replyWorkingDays, closeWorkingDays: days.closeWorkingDays, yellowWorkingDays: yellow };
}
