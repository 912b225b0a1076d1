import { describe, expect, it } from 'vitest'
import { timelinessTotals } from './scores'
import { formField } from './goals'

describe("the team's charts and the goal form", () => {
  it('adds up how reports came in across the page, an absent count being none', () => {
    const members = [
      { employeeId: 'E-1', supervisorId: 'S', goals: 1, reportsOnTime: 2, reportsLate: 1, reportsMissing: 0, reportsExcused: 1 },
      { employeeId: 'E-2', supervisorId: 'S', goals: 0, reportsOnTime: 0, reportsLate: 0, reportsMissing: 3 },
    ]
    expect(timelinessTotals(members)).toEqual({ ON_TIME: 2, LATE: 1, MISSING: 3, EXCUSED: 1 })
    expect(timelinessTotals([])).toEqual({ ON_TIME: 0, LATE: 0, MISSING: 0, EXCUSED: 0 })
  })

  it("puts goal-service's refusal on the form field it names", () => {
    expect(formField('numericTargets[0].target')).toBe('numericTargets')
    expect(formField('numericTargets')).toBe('numericTargets')
    expect(formField('periodKey')).toBe('periodKey')
    expect(formField(undefined)).toBe('')
  })
})
