import { describe, expect, it } from 'vitest';
import { readComplainant } from './complainant-details.js';

const NAMED = { anonymous: false, name: '张三' };

function refusal(input: Parameters<typeof readComplainant>[0]) {
  try {
    readComplainant(input);
  } catch (error) {
    return (error as { extensions: Record<string, unknown>; message: string });
  }
  throw new Error('accepted');
}

describe('a complainant as taken in', () => {
  it('is stored in canonical form: phone digits only, upper-case ID and credit code', () => {
    expect(readComplainant({ ...NAMED, phone: '+86 138-0000 0000', idNumber: '11010519491231002x', enterpriseCreditCode: ' 91350100m000100y43 ' })).toEqual({
      anonymous: false,
      name: '张三',
      phone: '13800000000',
      idNumber: '11010519491231002X',
      enterpriseCreditCode: '91350100M000100Y43',
    });
    expect(readComplainant({ ...NAMED, phone: '０７５９－１２３４５６７８' }).phone).toBe('075912345678');
  });

  it('may be anonymous with only a phone for the follow-up call', () => {
    expect(readComplainant({ anonymous: true, phone: '13800000000' })).toEqual({ anonymous: true, name: null, phone: '13800000000', idNumber: null, enterpriseCreditCode: null });
    expect(readComplainant({ anonymous: true })).toMatchObject({ anonymous: true, phone: null });
  });

  it('refuses what does not fit, naming the field', () => {
    const cases: [Parameters<typeof readComplainant>[0], string, RegExp][] = [
      [{ anonymous: false }, 'complainant.name', /实名投诉须填写姓名/],
      [{ anonymous: false, name: '  ' }, 'complainant.name', /实名投诉须填写姓名/],
      [{ anonymous: true, name: '张三' }, 'complainant.name', /匿名投诉不应填写/],
      [{ anonymous: true, idNumber: '11010519491231002X' }, 'complainant.idNumber', /匿名投诉不应填写/],
      [{ anonymous: true, enterpriseCreditCode: '91350100M000100Y43' }, 'complainant.enterpriseCreditCode', /匿名投诉不应填写/],
      [{ ...NAMED, name: '张'.repeat(51) }, 'complainant.name', /不能超过50个字/],
      [{ ...NAMED, phone: '12345' }, 'complainant.phone', /联系电话/],
      [{ ...NAMED, phone: "13800000000' OR 1=1" }, 'complainant.phone', /联系电话/],
      [{ ...NAMED, idNumber: '110105194912310021' }, 'complainant.idNumber', /校验位不正确/],
      [{ ...NAMED, idNumber: '1101051949' }, 'complainant.idNumber', /应为18位/],
      [{ ...NAMED, enterpriseCreditCode: '91350100M0001TGQXM' }, 'complainant.enterpriseCreditCode', /统一社会信用代码不正确/],
    ];
    for (const [input, field, message] of cases) {
      const error = refusal(input);
      expect(error.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(error.message).toMatch(message);
    }
  });
});
