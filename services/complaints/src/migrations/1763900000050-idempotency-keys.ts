import { idempotencyTable } from '@bizenv/common/idempotency';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency keys of receiveComplaint: a retried 受理 never registers a second complaint. */
export class IdempotencyKeys1763900000050 implements MigrationInterface {
  name = 'IdempotencyKeys1763900000050';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(idempotencyTable());
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('idempotency_key');
  }
}
