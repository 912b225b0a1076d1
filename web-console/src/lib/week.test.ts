import { describe, expect, it } from 'vitest'
import { isoWeekOf, shiftWeek, thisWeekIn, todayIn } from './week'

describe('ISO weeks', () => {
  it('names the week of a day as the API does', () => {
    expect(isoWeekOf(2026, 11, 24).key).toBe('2026-W48')
    expect(isoWeekOf(2026, 11, 23).key).toBe('2026-W48') // Monday
    expect(isoWeekOf(2026, 11, 29).key).toBe('2026-W48') // Sunday
    expect(isoWeekOf(2026, 11, 30).key).toBe('2026-W49')
  })

  it('gives the turn of the year to the week that holds its Thursday', () => {
    expect(isoWeekOf(2026, 12, 31).key).toBe('2026-W53')
    expect(isoWeekOf(2027, 1, 3).key).toBe('2026-W53')
    expect(isoWeekOf(2027, 1, 4).key).toBe('2027-W01')
    expect(isoWeekOf(2024, 12, 30).key).toBe('2025-W01')
  })

  it('steps a week back and forth across a year end', () => {
    const last = isoWeekOf(2026, 12, 31)
    expect(shiftWeek(last, 1).key).toBe('2027-W01')
    expect(shiftWeek(shiftWeek(last, 1), -1).key).toBe('2026-W53')
  })

  it("takes today in the person's time zone, not the browser's", () => {
    const sundayNightUtc = new Date('2026-11-29T17:30:00Z') // Monday 01:30 in Shanghai
    expect(todayIn('Asia/Shanghai', sundayNightUtc)).toEqual([2026, 11, 30])
    expect(todayIn('UTC', sundayNightUtc)).toEqual([2026, 11, 29])
  })

  it("takes this week from the stack's clock on the person's calendar", () => {
    // Sunday 3 January 2027, 17:00 UTC: already Monday 4 January in Shanghai (week 1), still Sunday in UTC (2026's week 53)
    expect(thisWeekIn('Asia/Shanghai', '2027-01-03T17:00:00Z').key).toBe('2027-W01')
    expect(thisWeekIn('UTC', '2027-01-03T17:00:00Z').key).toBe('2026-W53')
  })
})
