// The goal tree's periods as the API names them: 2026, 2026-Q4, 2026-12, 2026-W49, 2026-12-02; a single matter
// (EVENT) has no period. A week belongs to the month of its Thursday, so each period's children are listed once.
import { isoWeekOf, shiftWeek } from './week'

export const CHILD_TYPE: Record<string, string | undefined> = { YEAR: 'QUARTER', QUARTER: 'MONTH', MONTH: 'WEEK', WEEK: 'DAY', DAY: 'EVENT' }

const pad = (n: number) => String(n).padStart(2, '0')

/** The periods directly inside a period, in calendar order (an EVENT child has none: it is a single matter). */
export function childPeriods(type: string, key: string): string[] {
  switch (type) {
    case 'YEAR':
      return [1, 2, 3, 4].map((q) => `${key}-Q${q}`)
    case 'QUARTER': {
      const [year, q] = key.split('-Q').map(Number)
      return [1, 2, 3].map((m) => `${year}-${pad((q - 1) * 3 + m)}`)
    }
    case 'MONTH': {
      const [year, month] = key.split('-').map(Number)
      const weeks: string[] = []
      let week = isoWeekOf(year, month, 1)
      for (;;) {
        const thursday = new Date(week.monday)
        thursday.setUTCDate(thursday.getUTCDate() + 3)
        if (thursday.getUTCFullYear() * 12 + thursday.getUTCMonth() > year * 12 + month - 1) break
        if (thursday.getUTCMonth() === month - 1) weeks.push(week.key)
        week = shiftWeek(week, 1)
      }
      return weeks
    }
    case 'WEEK': {
      const [year, number] = key.split('-W').map(Number)
      const monday = shiftWeek(isoWeekOf(year, 1, 4), number - 1).monday
      return [0, 1, 2, 3, 4, 5, 6].map((d) => {
        const day = new Date(monday)
        day.setUTCDate(monday.getUTCDate() + d)
        return day.toISOString().substring(0, 10)
      })
    }
    default:
      return []
  }
}

/** The month (yyyy-MM) a week counts in: the month of its Thursday. */
export function monthOfWeek(isoWeek: string): string {
  const [year, number] = isoWeek.split('-W').map(Number)
  const thursday = new Date(shiftWeek(isoWeekOf(year, 1, 4), number - 1).monday)
  thursday.setUTCDate(thursday.getUTCDate() + 3)
  return thursday.toISOString().substring(0, 7)
}
