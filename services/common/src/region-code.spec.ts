import { describe, expect, it } from 'vitest';
import { isRegionCode, isWithin, onOneBranch, subtreePrefix } from './region-code.js';

describe('region codes', () => {
  it('derives the subtree prefix from the level encoded in the code', () => {
    expect(subtreePrefix('990000')).toBe('99');
    expect(subtreePrefix('990100')).toBe('9901');
    expect(subtreePrefix('990102')).toBe('990102');
    expect(subtreePrefix('990102001')).toBe('990102001');
  });

  it('places towns and parks inside their city and district, not their neighbours', () => {
    expect(isWithin('990102001', '990100')).toBe(true);
    expect(isWithin('990171', '990100')).toBe(true);
    expect(isWithin('990102001', '990102')).toBe(true);
    expect(isWithin('990103001', '990102')).toBe(false);
    expect(isWithin('990200', '990100')).toBe(false);
  });

  it('never places a malformed code inside a region, however it starts', () => {
    for (const code of ['9901020000', '99010200', '99010200100', '', '990102%']) expect(isWithin(code, '990102')).toBe(false);
    expect(isWithin('990102001', '99010')).toBe(false);
  });

  it('puts a region on one branch with its ancestors and descendants, not with its neighbours', () => {
    expect(onOneBranch('990100', '990102001')).toBe(true);
    expect(onOneBranch('990102001', '990100')).toBe(true);
    expect(onOneBranch('990102', '990102')).toBe(true);
    expect(onOneBranch('990102', '990103')).toBe(false);
    expect(onOneBranch('990102001', '990103')).toBe(false);
  });

  it('accepts six- and nine-digit codes only', () => {
    expect(isRegionCode('990100')).toBe(true);
    expect(isRegionCode('990102001')).toBe(true);
    expect(isRegionCode('99010')).toBe(false);
    expect(isRegionCode('9901020011')).toBe(false);
    expect(isRegionCode('99010a')).toBe(false);
  });
});
