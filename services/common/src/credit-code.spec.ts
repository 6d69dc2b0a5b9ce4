import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, normaliseCreditCode, validateCreditCode } from './credit-code.js';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts a valid code', () => {
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ ok: true });
  });

  it('refuses a wrong check character (some early pilot codes are real but fail it)', () => {
    expect(validateCreditCode('91350100M0001TGQXM')).toEqual({ ok: false, reason: 'CHECK' });
    expect(validateCreditCode('91350100M000100Y44')).toEqual({ ok: false, reason: 'CHECK' });
  });

  it('refuses the wrong shape: lowercase, 17 characters, I, O, Z, S or V', () => {
    for (const code of ['91350100m000100y43', '91350100M000100Y4', '91350100M000100Y433', '91350100I000100Y43', '91350100O000100Y43', '91350100Z000100Y43', '91350100S000100Y43', '91350100V000100Y43', ' 91350100M000100Y43', '']) {
      expect(validateCreditCode(code)).toEqual({ ok: false, reason: 'SHAPE' });
    }
  });

  it('normalises spaces, lowercase and full-width characters before validating', () => {
    expect(normaliseCreditCode(' 91350100m000100y43\n')).toBe('91350100M000100Y43');
    expect(normaliseCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
    expect(validateCreditCode(normaliseCreditCode(' 91350100m000100y43 '))).toEqual({ ok: true });
  });

  it('generates codes that validate', () => {
    const first17 = '91990102MA1234567';
    const code = first17 + creditCodeCheckChar(first17);
    expect(code).toHaveLength(18);
    expect(validateCreditCode(code)).toEqual({ ok: true });
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('refuses to compute a check character over a malformed prefix', () => {
    expect(() => creditCodeCheckChar('91350100M000100I4')).toThrow(RangeError);
  });
});
