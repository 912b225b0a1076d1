import { describe, expect, it } from 'vitest'
import { shown } from './reports'

describe('a report as a supervisor reads it', () => {
  it('shows a daily schedule one row a line, with its day', () => {
    const schedule = { MONDAY: [{ title: 'visit the East China agent', kind: 'VISIT' }], TUESDAY: [{ title: 'training' }] }
    expect(shown(schedule)).toBe('MONDAY: visit the East China agent\nTUESDAY: training')
  })

  it('shows plain values as they are and nothing for an empty one', () => {
    expect(shown('60000')).toBe('60000')
    expect(shown(null)).toBe('')
  })

})
