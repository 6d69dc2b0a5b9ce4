/**
 * `LIKE` that matches text literally: `%`, `_` and the escape character are escaped. Write
 * `column LIKE :pattern ${LIKE_ESCAPE}`; a named escape character is portable (MySQL's default
 * is a backslash, SQLite has none).
 */
export const LIKE_ESCAPE = "ESCAPE '!'";

/** Pattern for "contains `text`", to use with `LIKE_ESCAPE`. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (char) => `!${char}`)}%`;
}
