import { describe, expect, it } from 'vitest'
import { childPeriods, monthOfWeek } from './periods'

describe('the goal tree periods', () => {
  it('splits a year into quarters and a quarter into months', () => {
    expect(childPeriods('YEAR', '2027')).toEqual(['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4'])
    expect(childPeriods('QUARTER', '2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12'])
  })

  it('gives a month the weeks whose Thursday falls in it, across a year end', () => {
    // December 2026 has five Thursdays (3, 10, 17, 24, 31); 2026-W53 is its last week
    expect(childPeriods('MONTH', '2026-12')).toEqual(['2026-W49', '2026-W50', '2026-W51', '2026-W52', '2026-W53'])
    // 1 January 2027 is a Friday: its week is December's, so January starts with W01 (4-10 January)
    expect(childPeriods('MONTH', '2027-01')[0]).toEqual('2027-W01')
    expect(childPeriods('MONTH', '2027-01')).toHaveLength(4)
  })

  it('gives a week its seven days and a week its month by the Thursday', () => {
    expect(childPeriods('WEEK', '2026-W53')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03'])
    expect(monthOfWeek('2026-W53')).toBe('2026-12')
    expect(monthOfWeek('2026-W49')).toBe('2026-12')
    expect(monthOfWeek('2025-W01')).toBe('2025-01') // starts Monday 30 Dec 2024
  })

  it('has nothing inside a single matter', () => {
    expect(childPeriods('DAY', '2026-12-02')).toEqual([])
  })
})
