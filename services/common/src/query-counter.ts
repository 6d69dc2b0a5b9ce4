import type { Logger } from 'typeorm';

/**
 * Counts the SQL statements a data source runs, so benchmarks can show database work per change
 * (e.g. with 1 and with 1,000 subscribers). Logs nothing.
 */
export class QueryCounter implements Logger {
  count = 0;

  logQuery(): void {
    this.count++;
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
