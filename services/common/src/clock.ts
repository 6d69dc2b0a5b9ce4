import type { DomainEvent } from './event-bus.js';

/**
 * The system's notion of "now"; every deadline, light and count asks it, never `new Date()`.
 * Outside production a test clock may move it forward (never back) for demos and tests, like
 * Stripe's test clocks; the move reaches every process as a `clock.advanced` event.
 */
let offsetMs = 0;
const listeners = new Set<() => void>();

export const CLOCK_ADVANCED = 'clock.advanced';

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

export function clockOffsetMs(): number {
  return offsetMs;
}

/** Moves the clock to `offset` ahead of real time; a smaller offset than the current one is ignored. */
export function setClockOffset(offset: number): void {
  if (!Number.isFinite(offset) || offset <= offsetMs) return;
  offsetMs = offset;
  for (const listener of listeners) listener();
}

export function onClockChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Applies a `clock.advanced` event from another process. */
export function followTestClock(event: DomainEvent): void {
  if (event.topic === CLOCK_ADVANCED) setClockOffset(Number(event.payload.offsetMs));
}
