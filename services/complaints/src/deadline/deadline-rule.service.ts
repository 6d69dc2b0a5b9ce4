import { actorName, Permission, requirePermission, type Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { paginate, type Page, type PageArgs } from '@bizenv/common/connection';
import { inTransaction } from '@bizenv/common/data-source';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { DEFAULT_YELLOW_WORKING_DAYS } from '@bizenv/common/lights';
import type { DataSource, EntityManager } from 'typeorm';
import { DeadlineRuleChange, DeadlineRuleChangeKind } from './deadline-rule-change.entity.js';
import { DeadlineRule } from './deadline-rule.entity.js';
import type { DeadlineScopeInput, SetDeadlineRuleInput } from './deadline-rule-inputs.js';
import { checkedDays, ruleKey, type DeadlineScope } from './deadline-rules.js';


/**
 * The deadline table, changed at run time by the system administrator (`system:admin`): it is
 * one policy for every region, so no district administrator may change it for the others. A
 * change applies to complaints received after it; each complaint keeps the rule and the days it
 * was given. Every change is kept in `complaint_deadline_rule_change`.
 */
export class DeadlineRuleService {
  constructor(private readonly dataSource: DataSource) {}

  /** The rules in force; anyone who reads complaints may see how their deadlines are set. */
  list(caller: Caller | null): Promise<DeadlineRule[]> {
    requirePermission(caller, Permission.COMPLAINT_READ);
    return readDeadlineRules(this.dataSource.manager);
  }

  /** Newest change first. */
  changes(caller: Caller | null, page: PageArgs): Promise<Page<DeadlineRuleChange>> {
    requirePermission(caller, Permission.SYSTEM_ADMIN);
    const query = this.dataSource.getRepository(DeadlineRuleChange).createQueryBuilder('c');
    return paginate(query, [{ column: 'c.id', property: 'id', direction: 'DESC' }], page);
  }

  async set(caller: Caller | null, input: SetDeadlineRuleInput): Promise<DeadlineRule> {
    const admin = requirePermission(caller, Permission.SYSTEM_ADMIN);
    const days = checkedDays({ ...input, yellowWorkingDays: input.yellowWorkingDays ?? DEFAULT_YELLOW_WORKING_DAYS });
    const scope = scopeOf(input);
    const rule: DeadlineRule = { key: ruleKey(scope), ...scope, ...days, updatedAt: now(), updatedBy: actorName(admin) };
    await inTransaction(this.dataSource, async (manager) => {
      await manager.getRepository(DeadlineRule).upsert(rule, ['key']);
      await recordChange(manager, admin, DeadlineRuleChangeKind.SET, rule);
    });
    return rule;
  }

  /** The default rule stays (change its days instead): every complaint needs a rule. */
  async remove(caller: Caller | null, input: DeadlineScopeInput): Promise<DeadlineRule> {
    const admin = requirePermission(caller, Permission.SYSTEM_ADMIN);
    const key = ruleKey(scopeOf(input));
    if (key === ruleKey({ channel: null, category: null })) {
      throw new DomainError(ErrorCode.BadUserInput, '默认规则不能删除，可修改其天数', { field: 'channel' });
    }
    return inTransaction(this.dataSource, async (manager) => {
      const rule = await manager.findOneBy(DeadlineRule, { key });
      if (!rule) throw new DomainError(ErrorCode.NotFound, '没有该范围的时限规则', { key });
      const removed = await manager.delete(DeadlineRule, { key });
      if (removed.affected !== 1) throw new DomainError(ErrorCode.Conflict, '该规则已被他人删除', { key });
      await recordChange(manager, admin, DeadlineRuleChangeKind.REMOVE, rule);
      return rule;
    });
  }
}

/** The rules in force, for a complaint being received (`pickRule` chooses among them). */
export function readDeadlineRules(manager: EntityManager): Promise<DeadlineRule[]> {
  return manager.getRepository(DeadlineRule).find({ order: { key: 'ASC' } });
}

function scopeOf(input: DeadlineScopeInput): DeadlineScope {
  return { channel: input.channel ?? null, category: input.category ?? null };
}


function recordChange(manager: EntityManager, actor: Caller, kind: DeadlineRuleChangeKind, rule: DeadlineRule) {
  return manager.insert(DeadlineRuleChange, {
    kind,
    ruleKey: rule.key,
    channel: rule.channel,
    category: rule.category,
    replyWorkingDays: rule.replyWorkingDays,
    closeWorkingDays: rule.closeWorkingDays,
    yellowWorkingDays: rule.yellowWorkingDays,
    actorId: actor.id,
    actorName: actorName(actor),
    at: now(),
  });
}
