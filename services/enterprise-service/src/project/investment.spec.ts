import { describe, expect, it } from 'vitest';
import { formatWanYuan, parseWanYuan } from './investment.js';

describe('investment in 万元, kept as whole 元', () => {
  it('reads decimals exactly, where a float would not', () => {
    expect(parseWanYuan('0.1', 'f') + parseWanYuan('0.2', 'f')).toBe(parseWanYuan('0.3', 'f'));
    expect(parseWanYuan('12345.6789', 'f')).toBe(123_456_789);
    expect(parseWanYuan(' 150 ', 'f')).toBe(1_500_000);
    expect(parseWanYuan('100000000', 'f')).toBe(1e12);
  });

  it('writes back the same text, without trailing zeros', () => {
    for (const text of ['12345.6789', '150', '0.0001', '0', '99999999.9999']) expect(formatWanYuan(parseWanYuan(text, 'f'))).toBe(text);
    expect(formatWanYuan(parseWanYuan('150.50', 'f'))).toBe('150.5');
  });

  it('refuses negatives, fractions of a 元, text and amounts over 1万亿元, naming the field', () => {
    for (const text of ['-1', '1.00001', '1e5', '', '一百', '100000000.0001', '1,000']) {
      expect(() => parseWanYuan(text, 'investmentWanYuan'), text).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'investmentWanYuan' }) }));
    }
  });
});
