import { connectionOf } from '@bizenv/common/connection';
import { DeadlineRuleChange } from './deadline-rule-change.entity.js';

export const DeadlineRuleChangeConnection = connectionOf(DeadlineRuleChange, 'ComplaintDeadlineRuleChange');
