import { describe, expect, it } from 'vitest'
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay } from './backoff'

describe('backoffDelay', () => {
  it('is 0 with random = 0 whatever the attempt (full jitter lower bound)', () => {
    for (let attempt = 0; attempt < 40; attempt++) expect(backoffDelay(attempt, 0)).toBe(0)
  })

  it('doubles its upper bound (random = 1) from 500 ms until the 15 s cap', () => {
    expect(backoffDelay(0, 1)).toBe(500)
    expect(backoffDelay(1, 1)).toBe(1000)
    expect(backoffDelay(2, 1)).toBe(2000)
    expect(backoffDelay(3, 1)).toBe(4000)
    expect(backoffDelay(4, 1)).toBe(8000)
    expect(backoffDelay(5, 1)).toBe(15_000)
    expect(backoffDelay(6, 1)).toBe(15_000)
  })

  it('never decreases its upper bound as attempts grow', () => {
    let previous = 0
    for (let attempt = 0; attempt < 100; attempt++) {
      const bound = backoffDelay(attempt, 1)
      expect(bound).toBeGreaterThanOrEqual(previous)
      previous = bound
    }
  })

  it('stays within [0, min(cap, base·2^attempt)] for any random value', () => {
    for (let attempt = 0; attempt < 64; attempt++) {
      const bound = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt)
      for (const random of [0, 0.001, 0.25, 0.5, 0.75, 0.999, 1, Math.random()]) {
        const delay = backoffDelay(attempt, random)
        expect(delay).toBeGreaterThanOrEqual(0)
        expect(delay).toBeLessThanOrEqual(bound)
        expect(delay).toBeLessThanOrEqual(BACKOFF_CAP_MS)
      }
    }
  })

  it('never exceeds the cap, even after days of retries or with odd input', () => {
    for (const attempt of [1_000, 1e9, Number.MAX_SAFE_INTEGER, Infinity]) {
      expect(backoffDelay(attempt, 1)).toBeLessThanOrEqual(BACKOFF_CAP_MS)
    }
    for (const random of [2, -1, NaN, Infinity]) {
      const delay = backoffDelay(10, random)
      expect(delay).toBeGreaterThanOrEqual(0)
      expect(delay).toBeLessThanOrEqual(BACKOFF_CAP_MS)
    }
    expect(backoffDelay(-3, 1)).toBe(BACKOFF_BASE_MS)
    expect(backoffDelay(NaN, 1)).toBe(BACKOFF_BASE_MS)
  })

  it('uses Math.random by default and stays in bounds', () => {
    for (let i = 0; i < 1_000; i++) {
      const delay = backoffDelay(3)
      expect(delay).toBeGreaterThanOrEqual(0)
      expect(delay).toBeLessThanOrEqual(4000)
    }
  })
})
