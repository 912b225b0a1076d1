import { describe, expect, it } from 'vitest'
import { labels, shown } from './reports'

describe('a report as a supervisor reads it', () => {
  it('shows a daily schedule one row a line, with its day', () => {
    const schedule = { MONDAY: [{ title: 'visit the East China agent', kind: 'VISIT' }], TUESDAY: [{ title: 'training' }] }
    expect(shown(schedule)).toBe('MONDAY: visit the East China agent\nTUESDAY: training')
  })

  it('shows plain values as they are and nothing for an empty one', () => {
    expect(shown('60000')).toBe('60000')
    expect(shown(null)).toBe('')
  })

  it("labels fields by the report's template, falling back to nothing", () => {
    const templates = [{ templateId: 'weekly', name: 'Weekly', fields: [{ key: 'plan', label: '本周计划', type: 'TEXT' }] }]
    expect(labels(templates, 'weekly')).toEqual({ plan: '本周计划' })
    expect(labels(templates, 'other')).toEqual({})
  })
})
