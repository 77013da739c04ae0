import { describe, expect, it } from 'vitest';
import { DomainError, isDomainError } from './errors.js';

describe('DomainError', () => {
  it('carries a stable code, the values for translation and an English message', () => {
    const error = new DomainError(
      'PART_ABOVE_MAX',
      'Part A score 38 exceeds the maximum of 35 under 1048/QĐ-TTg',
      {
        part: 'A',
        score: 38,
        max: 35,
      },
    );
    expect(error).toBeInstanceOf(Error);
    expect(isDomainError(error)).toBe(true);
    expect(error.name).toBe('DomainError');
    expect(error.code).toBe('PART_ABOVE_MAX');
    expect(error.params).toEqual({ part: 'A', score: 38, max: 35 });
  });

  it('is not confused with a plain Error', () => {
    expect(isDomainError(new Error('x'))).toBe(false);
  });
});
