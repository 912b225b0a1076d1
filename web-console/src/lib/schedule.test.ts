import { describe, expect, it } from 'vitest'
import { cleaned, rows, scheduleOf, scheduleProblems } from './schedule'

describe('the daily schedule', () => {
  it('holds Monday to Saturday, whatever was stored', () => {
    const schedule = scheduleOf({ TUESDAY: [{ title: 'call', kind: 'CALL', customerId: 'C-1' }] })
    expect(Object.keys(schedule)).toEqual(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'])
    expect(schedule.TUESDAY).toHaveLength(1)
  })

  it('names a visit without a customer the way the API does', () => {
    const schedule = scheduleOf({ MONDAY: [{ title: 'visit', kind: 'VISIT' }, { title: ' ', kind: 'ROUTINE' }] })
    expect(scheduleProblems('daily_schedule', schedule)).toEqual({
      'daily_schedule.MONDAY[0].customerId': 'customerRequired',
      'daily_schedule.MONDAY[1].title': 'required',
    })
    expect(scheduleProblems('daily_schedule', scheduleOf({ MONDAY: [{ title: 'train', kind: 'AGENT_TRAINING' }] }))).toEqual({})
  })

  it('drops blank customers and numbers rows across the days', () => {
    const schedule = scheduleOf({ MONDAY: [{ title: ' a ', kind: 'ROUTINE', customerId: ' ' }], WEDNESDAY: [{ title: 'b', kind: 'CALL', customerId: 'C-2' }] })
    expect(cleaned(schedule).MONDAY).toEqual([{ title: 'a', kind: 'ROUTINE' }])
    expect(rows(schedule).map((r) => [r.row, r.day])).toEqual([[0, 'MONDAY'], [1, 'WEDNESDAY']])
  })
})
