import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '36', isNullable });
const text = (name: string, isNullable = false) => ({ name, type: 'text', isNullable });
const instant = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });
const varchar = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
const region = varchar('regionCode', 12);
const actor = (prefix: string) => [varchar(`${prefix}Id`, 64), varchar(`${prefix}Name`, 100)];

/**
 * 一报告四清单 and the rectification ledger with its sign-off timeline; escalating supervision
 * with its steps, bulletins and admonishing talks; units listed as 整治重点.
 */
export class LedgerSupervisionEvaluation1763900000003 implements MigrationInterface {
  name = 'LedgerSupervisionEvaluation1763900000003';

  async up(runner: QueryRunner): Promise<void> {
    const tables = [
      new Table({
        name: 'self_inspection_report',
        columns: [{ ...id('id'), isPrimary: true }, id('campaignId'), id('unitId'), region, varchar('title', 200), text('content'), ...actor('submittedBy'), instant('submittedAt')],
        indices: [
          { name: 'idx_report_region', columnNames: ['regionCode', 'submittedAt'] },
          { name: 'idx_report_unit', columnNames: ['unitId'] },
        ],
      }),
      new Table({
        name: 'rectification_problem',
        columns: [
          { ...id('id'), isPrimary: true },
          id('reportId', true),
          id('campaignId', true),
          varchar('source', 24),
          varchar('sourceRef', 100, true),
          varchar('title', 200),
          text('description', true),
          text('cause', true),
          text('measures', true),
          id('responsibleUnitId'),
          id('responsiblePersonId', true),
          region,
          instant('timeLimit'),
          instant('yellowAt'),
          varchar('status', 24),
          instant('signOffRequestedAt', true),
          instant('closedAt', true),
          instant('createdAt'),
          { name: 'version', type: 'int', default: 1 },
        ],
        indices: [
          { name: 'idx_problem_region_status', columnNames: ['regionCode', 'status'] },
          { name: 'idx_problem_time_limit', columnNames: ['timeLimit'] },
          { name: 'idx_problem_yellow_at', columnNames: ['yellowAt'] },
          { name: 'idx_problem_unit_status', columnNames: ['responsibleUnitId', 'status'] },
          { name: 'idx_problem_report', columnNames: ['reportId'] },
        ],
      }),
      new Table({
        name: 'problem_event_log',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          id('problemId'),
          varchar('action', 24),
          varchar('fromStatus', 24, true),
          varchar('toStatus', 24),
          ...actor('actor'),
          text('reason', true),
          text('evidence', true),
          varchar('evidenceFileRef', 500, true),
          instant('at'),
        ],
        indices: [{ name: 'idx_problem_event_log_problem', columnNames: ['problemId', 'at'] }],
      }),
      new Table({
        name: 'supervision',
        columns: [
          { ...id('id'), isPrimary: true },
          varchar('targetKind', 16),
          id('targetId'),
          varchar('activeKey', 48, true),
          varchar('title', 200),
          id('unitId'),
          region,
          varchar('level', 16),
          varchar('status', 24),
          instant('responseDueAt'),
          instant('stepIssuedAt'),
          { name: 'responseWorkingDays', type: 'int' },
          { name: 'deadlineProvisional', type: 'boolean', default: false },
          instant('openedAt'),
          { name: 'version', type: 'int', default: 1 },
        ],
        indices: [
          { name: 'idx_supervision_region_status', columnNames: ['regionCode', 'status'] },
          { name: 'idx_supervision_response_due', columnNames: ['responseDueAt'] },
          { name: 'idx_supervision_unit', columnNames: ['unitId'] },
          { name: 'idx_supervision_target', columnNames: ['targetId'] },
          // NULL once closed, and NULLs never collide: one open supervision per item.
          { name: 'uq_supervision_active', columnNames: ['activeKey'], isUnique: true },
        ],
      }),
      new Table({
        name: 'supervision_step',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          id('supervisionId'),
          varchar('action', 16),
          varchar('fromLevel', 16, true),
          varchar('toLevel', 16),
          varchar('fromStatus', 24, true),
          varchar('toStatus', 24),
          text('reason', true),
          text('skipReason', true),
          text('response', true),
          instant('responseDueAt', true),
          id('bulletinId', true),
          ...actor('actor'),
          instant('at'),
        ],
        indices: [{ name: 'idx_supervision_step_supervision', columnNames: ['supervisionId', 'at'] }],
      }),
      new Table({
        name: 'bulletin',
        columns: [{ ...id('id'), isPrimary: true }, region, id('campaignId', true), varchar('title', 200), text('content'), ...actor('publishedBy'), instant('publishedAt')],
        indices: [{ name: 'idx_bulletin_region', columnNames: ['regionCode', 'publishedAt'] }],
      }),
      new Table({
        name: 'bulletin_entry',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          id('bulletinId'),
          id('unitId'),
          varchar('verdict', 16),
          varchar('note', 500),
        ],
        indices: [
          { name: 'idx_bulletin_entry_bulletin', columnNames: ['bulletinId'] },
          { name: 'idx_bulletin_entry_unit', columnNames: ['unitId'] },
        ],
      }),
      new Table({
        name: 'admonishing_talk',
        columns: [
          { ...id('id'), isPrimary: true },
          id('unitId'),
          region,
          id('campaignId', true),
          id('personId'),
          id('conductedById', true),
          varchar('talkDate', 10),
          text('reason'),
          text('outcome'),
          ...actor('recordedBy'),
          instant('recordedAt'),
        ],
        indices: [
          { name: 'idx_talk_region', columnNames: ['regionCode', 'talkDate'] },
          { name: 'idx_talk_unit', columnNames: ['unitId'] },
        ],
      }),
      new Table({
        name: 'focus_unit',
        columns: [{ ...id('id'), isPrimary: true }, id('campaignId'), id('unitId'), region, text('reason'), ...actor('flaggedBy'), instant('flaggedAt')],
        indices: [
          { name: 'idx_focus_unit_campaign_unit', columnNames: ['campaignId', 'unitId'], isUnique: true },
          { name: 'idx_focus_unit_region', columnNames: ['regionCode'] },
        ],
      }),
    ];
    for (const table of tables) await runner.createTable(table);
  }

  async down(runner: QueryRunner): Promise<void> {
    const tables = ['focus_unit', 'admonishing_talk', 'bulletin_entry', 'bulletin', 'supervision_step', 'supervision', 'problem_event_log', 'rectification_problem', 'self_inspection_report'];
    for (const table of tables) await runner.dropTable(table);
  }
}
