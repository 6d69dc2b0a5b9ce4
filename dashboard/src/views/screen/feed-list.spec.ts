import { describe, expect, it } from 'vitest'
import type { DispatchEvent } from '../../api/feed'
import { applyFeedFrame, FEED_MEMORY } from './feed-list'

const event = (n: number): DispatchEvent => ({
  position: `1700000000000-${n}`,
  kind: 'RECEIVED',
  itemKind: 'COMPLAINT',
  itemId: `id-${n}`,
  title: `投诉${n}`,
  regionCode: '990102001',
  occurredAt: '2026-11-23T08:00:00.000Z',
})
const positions = (events: DispatchEvent[]) => events.map((e) => Number(e.position.split('-')[1]))

describe('applyFeedFrame', () => {
  it('puts a snapshot newest first', () => {
    const list = applyFeedFrame([], { version: 'v', reset: true, events: [event(1), event(2), event(3)] })
    expect(positions(list)).toEqual([3, 2, 1])
  })

  it('continues the list with newer events on top, without a gap', () => {
    const before = applyFeedFrame([], { version: 'v', reset: true, events: [event(1), event(2)] })
    const after = applyFeedFrame(before, { version: 'v', reset: false, events: [event(3), event(4)] })
    expect(positions(after)).toEqual([4, 3, 2, 1])
  })

  it('replaces the list on a reset, whatever it held', () => {
    const before = applyFeedFrame([], { version: 'v', reset: true, events: [event(1), event(2)] })
    expect(positions(applyFeedFrame(before, { version: 'v', reset: true, events: [event(7)] }))).toEqual([7])
    expect(applyFeedFrame(before, { version: 'v', reset: true, events: [] })).toEqual([])
  })

  it('keeps the same list for an empty continuation (a resumed feed with nothing missed)', () => {
    const before = applyFeedFrame([], { version: 'v', reset: true, events: [event(1)] })
    expect(applyFeedFrame(before, { version: 'v', reset: false, events: [] })).toBe(before)
  })

  it('shows an event only once if a frame repeats it', () => {
    const before = applyFeedFrame([], { version: 'v', reset: true, events: [event(1), event(2)] })
    expect(positions(applyFeedFrame(before, { version: 'v', reset: false, events: [event(2), event(3)] }))).toEqual([3, 2, 1])
  })

  it(`never holds more than ${FEED_MEMORY} events, however long the screen runs`, () => {
    let list: DispatchEvent[] = []
    for (let n = 0; n < 1000; n += 7) {
      list = applyFeedFrame(list, { version: 'v', reset: false, events: Array.from({ length: 7 }, (_, i) => event(n + i)) })
      expect(list.length).toBeLessThanOrEqual(FEED_MEMORY)
    }
    // the newest 50: events 0…1000 were sent, 7 at a time
    expect(positions(list)).toEqual(Array.from({ length: FEED_MEMORY }, (_, i) => 1000 - i))
    expect(positions(applyFeedFrame([], { version: 'v', reset: true, events: Array.from({ length: 80 }, (_, i) => event(i)) }))).toHaveLength(FEED_MEMORY)
  })
})
