import { describe, expect, it } from 'vitest'
import { cleanedTable, tableOf, tableProblems } from './table'

const columns = [
  { key: 'customerId', label: 'customer', type: 'TEXT' },
  { key: 'amount', label: 'amount', type: 'MONEY' },
]

describe('a table field', () => {
  it('holds every column in every row, and sends only what was typed', () => {
    const rows = tableOf([{ customerId: 'C-1' }, { amount: 5 }], columns)
    expect(rows).toEqual([{ customerId: 'C-1', amount: '' }, { customerId: '', amount: '5' }])
    rows.push({ customerId: ' ', amount: '' })
    expect(cleanedTable(rows)).toEqual([{ customerId: 'C-1' }, { amount: '5' }])
  })

  it('names a money cell that is not a number the way the API does', () => {
    expect(tableProblems('visits_planned', [{ customerId: 'C-1', amount: 'lots' }], columns)).toEqual({ 'visits_planned[0].amount': 'number' })
    expect(tableProblems('visits_planned', [{ customerId: 'C-1', amount: '12.5' }], columns)).toEqual({})
  })
})
