import { describe, expect, it } from 'vitest';
import { duplicateScore, isPossibleDuplicate, SAME_COMPLAINANT_TEXT_THRESHOLD, SAME_SUBJECT_UNIT_TEXT_THRESHOLD, TEXT_THRESHOLD, type Closeness } from './duplicate-detection.js';

const apart: Closeness = { textSimilarity: 0.4, sameComplainant: false, sameSubjectUnit: false, sameRegion: false, sameCategory: false, daysApart: 30 };

describe('duplicate closeness', () => {
  it('weighs text 0.55, complainant 0.15, subject unit 0.1, town 0.05, category 0.05, recency 0.1', () => {
    expect(duplicateScore(apart)).toBe(0.22);
    expect(duplicateScore({ ...apart, sameSubjectUnit: true })).toBe(0.32);
    expect(duplicateScore({ ...apart, sameComplainant: true })).toBe(0.37);
    expect(duplicateScore({ textSimilarity: 1, sameComplainant: true, sameSubjectUnit: true, sameRegion: true, sameCategory: true, daysApart: 0 })).toBe(1);
  });

  it('lowers the text threshold for the same complainant, less so for the same subject unit', () => {
    expect(SAME_COMPLAINANT_TEXT_THRESHOLD).toBeLessThan(SAME_SUBJECT_UNIT_TEXT_THRESHOLD);
    expect(SAME_SUBJECT_UNIT_TEXT_THRESHOLD).toBeLessThan(TEXT_THRESHOLD);
    const at = (textSimilarity: number, same: Partial<Closeness> = {}) => isPossibleDuplicate({ ...apart, ...same, textSimilarity });
    expect([at(TEXT_THRESHOLD), at(0.49), at(0.49, { sameRegion: true, sameCategory: true, daysApart: 0 })]).toEqual([true, false, false]);
    expect([at(SAME_SUBJECT_UNIT_TEXT_THRESHOLD, { sameSubjectUnit: true }), at(0.34, { sameSubjectUnit: true })]).toEqual([true, false]);
    expect([at(SAME_COMPLAINANT_TEXT_THRESHOLD, { sameComplainant: true }), at(0.24, { sameComplainant: true, sameSubjectUnit: true })]).toEqual([true, false]);
  });
});
