import { describe, expect, it } from 'vitest'
import { createDayChange } from './day-change'
import { daysLeftUntil, shanghaiDay, startOfShanghaiDay } from './shanghai-day'

// 2026-09-30 in Beijing time
const at = (time: string, date = '2026-09-30') => Date.parse(`${date}T${time}+08:00`)
const CITY = '990100'
const DISTRICT = '990102'

describe('shanghaiDay / startOfShanghaiDay', () => {
  it('cut days at midnight in Beijing, whatever the machine’s zone', () => {
    expect(shanghaiDay(at('23:59:59'))).toBe(shanghaiDay(at('00:00:00')))
    expect(shanghaiDay(at('00:00:00', '2026-10-01'))).toBe(shanghaiDay(at('23:59:59')) + 1)
    // 16:00 UTC is already the next day in Beijing
    expect(shanghaiDay(Date.parse('2026-09-30T16:00:00Z'))).toBe(shanghaiDay(at('00:00:00', '2026-10-01')))
    expect(startOfShanghaiDay(at('13:45:10'))).toBe(at('00:00:00'))
  })
})

describe('daysLeftUntil', () => {
  it('counts today and the day itself, in Beijing time', () => {
    expect(daysLeftUntil('2026-10-31', at('09:00:00'))).toBe(32)
    expect(daysLeftUntil('2026-09-30', at('23:59:59'))).toBe(1)
    // 16:00 UTC on the 30th is already 1 October in Beijing: the 30th has passed
    expect(daysLeftUntil('2026-09-30', Date.parse('2026-09-30T16:00:00Z'))).toBe(0)
    expect(daysLeftUntil('2026-09-01', at('09:00:00'))).toBe(0)
    expect(daysLeftUntil('31/10/2026', at('09:00:00'))).toBeNull()
  })
})

describe('createDayChange', () => {
  it('counts from the first figures seen when opened mid-day, and says since when', () => {
    const day = createDayChange()
    day.observe(CITY, { overdue: 7 }, at('12:03:00'), true)
    expect(day.change(CITY, 'overdue', 7)).toEqual({ delta: 0, since: at('12:03:00'), fromStartOfDay: false })
    day.observe(CITY, { overdue: 10 }, at('12:30:00'), true)
    expect(day.change(CITY, 'overdue', 10)).toEqual({ delta: 3, since: at('12:03:00'), fromStartOfDay: false })
  })

  it('counts from midnight’s figures once it was live across midnight, items turning overdue at 00:00 included', () => {
    const day = createDayChange()
    day.observe(CITY, { overdue: 7 }, at('22:00:00'), true)
    day.tick(at('23:59:59'))
    // deadlines end at 24:00: the frame right after midnight already counts them
    day.observe(CITY, { overdue: 12 }, at('00:00:00.300', '2026-10-01'), true)
    day.tick(at('00:00:00.900', '2026-10-01'))
    expect(day.change(CITY, 'overdue', 12)).toEqual({ delta: 5, since: at('00:00:00', '2026-10-01'), fromStartOfDay: true })
  })

  it('starts a quiet day at midnight from the figures held, by the clock alone', () => {
    const day = createDayChange()
    day.observe(CITY, { overdue: 7, open: 30 }, at('22:00:00'), true)
    expect(day.change(CITY, 'open', 30)?.fromStartOfDay).toBe(false)
    day.tick(at('00:00:01', '2026-10-01'))
    expect(day.change(CITY, 'open', 30)).toEqual({ delta: 0, since: at('00:00:00', '2026-10-01'), fromStartOfDay: true })
  })

  it('does not take figures that were stale at midnight for midnight’s', () => {
    const day = createDayChange()
    day.observe(CITY, { overdue: 7 }, at('22:00:00'), true)
    day.interrupt() // the connection dropped at 23:50
    day.tick(at('00:00:01', '2026-10-01'))
    expect(day.change(CITY, 'overdue', 7)).toBeNull()
    // back at 00:12: counted from then, and labelled so
    day.observe(CITY, { overdue: 9 }, at('00:12:00', '2026-10-01'), true)
    expect(day.change(CITY, 'overdue', 9)).toEqual({ delta: 0, since: at('00:12:00', '2026-10-01'), fromStartOfDay: false })
  })

  it('does not take a frame that came with errors for live figures', () => {
    const day = createDayChange()
    day.observe(CITY, { overdue: 7 }, at('23:00:00'), false)
    day.tick(at('00:00:01', '2026-10-01'))
    expect(day.change(CITY, 'overdue', 7)).toBeNull()
  })

  it('keeps each region’s figures: a drill into a district and back keeps the city’s midnight', () => {
    const day = createDayChange()
    day.observe(CITY, { overdue: 7 }, at('23:00:00'), true)
    day.tick(at('00:00:01', '2026-10-01'))
    day.interrupt() // another region chosen
    day.observe(DISTRICT, { overdue: 2 }, at('09:00:00', '2026-10-01'), true)
    expect(day.change(DISTRICT, 'overdue', 3)).toEqual({ delta: 1, since: at('09:00:00', '2026-10-01'), fromStartOfDay: false })
    day.interrupt()
    day.observe(CITY, { overdue: 11 }, at('09:30:00', '2026-10-01'), true)
    expect(day.change(CITY, 'overdue', 11)).toEqual({ delta: 4, since: at('00:00:00', '2026-10-01'), fromStartOfDay: true })
  })

  it('forgets yesterday’s regions at midnight; a district left before midnight starts again', () => {
    const day = createDayChange()
    day.observe(DISTRICT, { overdue: 2 }, at('20:00:00'), true)
    day.interrupt()
    day.observe(CITY, { overdue: 7 }, at('21:00:00'), true)
    day.tick(at('00:00:01', '2026-10-01'))
    day.interrupt()
    day.observe(DISTRICT, { overdue: 4 }, at('08:00:00', '2026-10-01'), true)
    expect(day.change(DISTRICT, 'overdue', 4)).toEqual({ delta: 0, since: at('08:00:00', '2026-10-01'), fromStartOfDay: false })
  })

  it('starts a count that was unknown (its subgraph down) when it becomes known', () => {
    const day = createDayChange()
    day.observe(CITY, { overdue: 7, redTasks: null }, at('10:00:00'), true)
    expect(day.change(CITY, 'redTasks', null)).toBeNull()
    day.observe(CITY, { overdue: 7, redTasks: 3 }, at('10:05:00'), true)
    day.observe(CITY, { overdue: 8, redTasks: 5 }, at('10:06:00'), true)
    expect(day.change(CITY, 'redTasks', 5)).toEqual({ delta: 2, since: at('10:05:00'), fromStartOfDay: false })
    expect(day.change(CITY, 'overdue', 8)).toEqual({ delta: 1, since: at('10:00:00'), fromStartOfDay: false })
  })

  it('is not set back by a clock tick that comes after a frame of the new day', () => {
    const day = createDayChange()
    day.observe(CITY, { overdue: 7 }, at('23:00:00'), true)
    day.observe(CITY, { overdue: 9 }, at('00:00:00.200', '2026-10-01'), true)
    day.tick(at('23:59:59.900'))
    expect(day.change(CITY, 'overdue', 9)).toEqual({ delta: 2, since: at('00:00:00', '2026-10-01'), fromStartOfDay: true })
  })
})
