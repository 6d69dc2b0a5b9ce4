/** A datetime read back raw: MySQL gives a Date, SQLite a UTC "YYYY-MM-DD HH:MM:SS.SSS" string. */
export function fromSqlDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}
