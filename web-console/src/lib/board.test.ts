import { describe, expect, it } from 'vitest'
import { amount, barPercent, recordsOf, type Board } from './board'

describe('the week board', () => {
  it('fills a bar up to 100 and never below 0', () => {
    const line = { metric: 'payment_collection', unit: 'CNY', target: 100000, actual: 25000, completionPercent: 25 }
    expect(barPercent(line)).toBe(25)
    expect(barPercent({ ...line, completionPercent: 130 })).toBe(100)
    expect(barPercent({ ...line, completionPercent: Number.NaN })).toBe(0)
  })

  it('shows money with its currency and counts as whole numbers', () => {
    expect(amount('25000.00', 'CNY', 'zh-CN')).toBe('¥25,000.00')
    expect(amount(3, 'count', 'en')).toBe('3')
  })

  it('lists every record of the week newest first, with its kind', () => {
    const board = {
      records: {
        payments: [{ activityId: 'a', type: 'crm.payment.received', ref: 'P-1', day: '2026-11-24', at: '2026-11-24T02:00:00Z', deltas: [] }],
        newCustomers: [{ activityId: 'b', type: 'crm.customer.created', ref: 'C-1', day: '2026-11-25', at: '2026-11-25T02:00:00Z', deltas: [] }],
      },
    } as unknown as Board
    expect(recordsOf(board).map((r) => [r.activityId, r.kind])).toEqual([['b', 'newCustomers'], ['a', 'payments']])
  })
})

describe('the messages', () => {
  it('say the same things in both languages', async () => {
    const { messages } = await import('../i18n')
    const keys = (o: object, prefix = ''): string[] => Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'object' ? keys(v, prefix + k + '.') : [prefix + k])
    expect(keys(messages.en).sort()).toEqual(keys(messages['zh-CN']).sort())
  })
})
