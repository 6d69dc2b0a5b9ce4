import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum AuditResult {
  ALLOWED = 'ALLOWED',
  DENIED = 'DENIED',
  /** Allowed, but it could not be done (e.g. the identity did not decrypt). */
  FAILED = 'FAILED',
}

registerEnumType(AuditResult, {
  name: 'AuditResult',
  description: '审计结果',
  valuesConfig: { ALLOWED: { description: '允许（成功）' }, DENIED: { description: '拒绝' }, FAILED: { description: '允许但未能完成' } },
});

/**
 * One row of an append-only audit log (`audit_log`, one per subgraph database that keeps one):
 * who, when, what, on what, with what result. Rows are chained: `hash` covers the row and the
 * previous row's hash, so an edited, removed or reordered row breaks the chain at that row
 * (`verifyAuditChain`). `action` is the keeping subgraph's own vocabulary.
 */
@Entity({ name: 'audit_log' })
@Index('idx_audit_log_target', ['targetId', 'seq'])
@ObjectType({ description: '审计日志的一条记录（只增不改，哈希链防篡改）' })
@Directive('@shareable')
export class AuditEntry {
  /** Position in the chain, 1, 2, 3, … without gaps. */
  @PrimaryColumn({ type: 'int' })
  @Field(() => Int, { description: '序号（链中位置，从1起连续）' })
  seq!: number;

  @Column({ type: 'datetime', precision: 3 })
  @Field(() => Date)
  at!: Date;

  /** A person's id, `apikey:<id>`, or `-` for a sign-in under an unknown username. */
  @Column({ type: 'varchar', length: 64 })
  @Field(() => ID, { description: '操作人账号标识；未知账号登录为 -' })
  actorId!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field(() => String, { description: '操作人姓名' })
  actorName!: string;

  /** The actor's roles, comma-separated, as they were at the time. */
  @Column({ type: 'varchar', length: 200 })
  @Field(() => String, { description: '操作人当时的角色，逗号分隔' })
  actorRoles!: string;

  @Column({ type: 'varchar', length: 12 })
  @Field(() => String, { description: '操作人的区域；未知账号为空' })
  actorRegion!: string;

  @Column({ type: 'varchar', length: 32 })
  @Field(() => String, { description: '操作，如 SIGN_IN、ROLE_CHANGE、ACCESS_DENIED、COMPLAINANT_VIEW' })
  action!: string;

  /** What it was done to: a complaint, a person, an API key, the username tried. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  @Field(() => String, { nullable: true, description: '对象：投诉、人员、API 密钥的标识，或登录所用的用户名' })
  targetId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => AuditResult)
  result!: AuditResult;

  /** Why denied or failed, what changed: never a complainant's identity or a password. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: '说明：拒绝或失败的原因、变更内容' })
  detail!: string | null;

  /** The client's address as the gateway saw it, when known. */
  @Column({ type: 'varchar', length: 45, nullable: true })
  @Field(() => String, { nullable: true, description: '客户端地址（网关所见）' })
  address!: string | null;

  @Column({ type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  @Field(() => String, { description: '本条记录的哈希（SHA-256，含上一条的哈希）' })
  hash!: string;
}
