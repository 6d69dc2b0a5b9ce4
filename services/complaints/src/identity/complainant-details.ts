import { normaliseCreditCode, validateCreditCode } from '@bizenv/common/credit-code';
import { DomainError, ErrorCode } from '@bizenv/common/errors';
import { requireText } from '@bizenv/common/validate';
import type { ComplainantInput } from './complainant-input.js';
import type { Complainant } from './complainant.js';

// A mobile number, or a landline with its area code (0 + 9–11 digits).
const PHONE = /^(1[3-9]\d{9}|0\d{9,11})$/;
const ID_NUMBER = /^\d{17}[\dX]$/;
// GB 11643-1999: weights 2^(17−i) mod 11; check = "10X98765432"[Σ mod 11].
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

function invalid(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.BadUserInput, message, { field: `complainant.${field}` });
}

/** What people type, folded: full-width digits, spaces, dashes, a +86 prefix. */
export function normalisePhone(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s\-()]/g, '').replace(/^(\+86|0086)/, '');
}

function phoneOf(raw: string): string {
  const phone = normalisePhone(raw);
  if (!PHONE.test(phone)) throw invalid('phone', '联系电话应为11位手机号或含区号的固定电话');
  return phone;
}

function idNumberOf(raw: string): string {
  const id = raw.normalize('NFKC').trim().toUpperCase();
  if (!ID_NUMBER.test(id)) throw invalid('idNumber', '身份证号码应为18位');
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(id[i]), 0);
  if ('10X98765432'[sum % 11] !== id[17]) throw invalid('idNumber', '身份证号码校验位不正确');
  return id;
}

function creditCodeOf(raw: string): string {
  const code = normaliseCreditCode(raw);
  if (!validateCreditCode(code).ok) throw invalid('enterpriseCreditCode', '统一社会信用代码不正确');
  return code;
}

const given = (value: string | null | undefined): value is string => value != null && value.trim() !== '';

/**
 * The complainant as stored: checked and in canonical form, so equal numbers give equal keyed
 * hashes. Anonymous means no name, ID number or enterprise (a phone for the follow-up call may
 * stay); a named complainant needs a name.
 */
export function readComplainant(input: ComplainantInput): Complainant {
  const anonymous = input.anonymous === true;
  if (anonymous) {
    for (const field of ['name', 'idNumber', 'enterpriseCreditCode'] as const) {
      if (given(input[field])) throw invalid(field, '匿名投诉不应填写姓名、身份证号码或企业信用代码');
    }
  } else if (!given(input.name)) {
    throw invalid('name', '实名投诉须填写姓名');
  }
  return {
    anonymous,
    name: given(input.name) ? requireText(input.name, 'complainant.name', '姓名', 50) : null,
    phone: given(input.phone) ? phoneOf(input.phone) : null,
    idNumber: given(input.idNumber) ? idNumberOf(input.idNumber) : null,
    enterpriseCreditCode: given(input.enterpriseCreditCode) ? creditCodeOf(input.enterpriseCreditCode) : null,
  };
}
