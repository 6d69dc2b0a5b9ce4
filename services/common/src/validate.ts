import { DomainError, ErrorCode } from './errors.js';

// C0/C1 control characters other than tab and newlines have no place in user text.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Trimmed, non-empty text of at most `max` characters, without control characters. */
export function requireText(value: string, field: string, max: number): string {
  const text = value.normalize('NFC').trim();
  if (!text) throw new DomainError(ErrorCode.BadUserInput, `${field} 不能为空`, { field });
  if ([...text].length > max) throw new DomainError(ErrorCode.BadUserInput, `${field} 不能超过${max}个字`, { field });
  if (CONTROL.test(text)) throw new DomainError(ErrorCode.BadUserInput, `${field} 含有不允许的控制字符`, { field });
  return text;
}
