import { describe, expect, it } from 'vitest';
import { DomainError, ErrorCode } from './errors.js';

describe('domain errors', () => {
  it('keep their code when a detail is also called code (a region code, say)', () => {
    const error = new DomainError(ErrorCode.NotFound, '未找到该行政区划', { field: 'regionCode', code: '990109' });
    expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'regionCode' });
  });
});
