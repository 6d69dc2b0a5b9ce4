import { describe, expect, it } from 'vitest';
import { characterBigrams, jaccard } from './text-similarity.js';

describe('character-bigram Jaccard similarity', () => {
  it('splits into adjacent pairs, ignoring punctuation, spaces and case', () => {
    expect([...characterBigrams('窗口推诿！ AB')].sort()).toEqual(['口推', '推诿', '窗口', '诿a', 'ab'].sort());
    expect([...characterBigrams('诉')]).toEqual(['诉']);
    expect(characterBigrams('，。 ').size).toBe(0);
  });

  it('is 1 for the same text however punctuated, 0 for nothing shared', () => {
    expect(jaccard(characterBigrams('企业开办三部门推诿'), characterBigrams('企业开办，三部门推诿。'))).toBe(1);
    expect(jaccard(characterBigrams('乱收费'), characterBigrams('未兑现'))).toBe(0);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });

  it('counts shared pairs over all pairs', () => {
    // 窗口 口推 推诿 vs 窗口 口刁 刁难: one shared of five distinct.
    expect(jaccard(characterBigrams('窗口推诿'), characterBigrams('窗口刁难'))).toBeCloseTo(1 / 5);
  });
});
