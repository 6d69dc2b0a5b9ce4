import { DomainError, ErrorCode } from './errors.js';
import { isRegionCode } from './region-code.js';

// C0/C1 control characters other than tab and newlines have no place in user text; nor have bidi
// overrides and isolates (they disguise text, "\u202Eexe.pdf") or lone surrogates (no character at all).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function invalid(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.BadUserInput, message, { field });
}

/** Trimmed, non-empty text of at most `max` characters, without control characters. */
export function requireText(value: string, field: string, label: string, max: number): string {
  const text = value.normalize('NFC').trim();
  if (!text) throw invalid(field, `${label}不能为空`);
  if ([...text].length > max) throw invalid(field, `${label}不能超过${max}个字`);
  if (CONTROL.test(text)) throw invalid(field, `${label}含有不允许的控制字符`);
  return text;
}

/** An id of another subgraph's entity (a unit, an enterprise): only its shape can be checked here. */
export function requireUuid(value: string, field: string, label: string): string {
  if (!UUID.test(value)) throw invalid(field, `${label}编号格式不正确`);
  return value;
}

export function requireRegionCode(value: string, field = 'regionCode'): string {
  if (!isRegionCode(value)) throw invalid(field, '行政区划代码应为6位或9位数字');
  return value;
}
