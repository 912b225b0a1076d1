// ISO weeks as the API names them (2026-W48): Monday first, week 1 holds the year's first Thursday.

export interface Week {
  key: string
  monday: Date
  sunday: Date
}

/** The ISO week of a calendar day, given as year, month (1-12) and day in the person's own time zone. */
export function isoWeekOf(year: number, month: number, day: number): Week {
  const date = new Date(Date.UTC(year, month - 1, day))
  const weekday = (date.getUTCDay() + 6) % 7 // Monday 0 … Sunday 6
  const thursday = new Date(date)
  thursday.setUTCDate(date.getUTCDate() - weekday + 3)
  const weekYear = thursday.getUTCFullYear()
  const firstThursday = new Date(Date.UTC(weekYear, 0, 4))
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3)
  const week = 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * 24 * 3600 * 1000))
  const monday = new Date(date)
  monday.setUTCDate(date.getUTCDate() - weekday)
  const sunday = new Date(monday)
  sunday.setUTCDate(monday.getUTCDate() + 6)
  return { key: `${weekYear}-W${String(week).padStart(2, '0')}`, monday, sunday }
}

/** Today's calendar day in a time zone (the person's, from the org chart), as year, month, day. */
export function todayIn(timeZone: string, now: Date = new Date()): [number, number, number] {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(now)
  const value = (type: string) => Number(parts.find((p) => p.type === type)!.value)
  return [value('year'), value('month'), value('day')]
}

/** The week before or after, by whole weeks. */
export function shiftWeek(week: Week, weeks: number): Week {
  const monday = new Date(week.monday)
  monday.setUTCDate(monday.getUTCDate() + 7 * weeks)
  return isoWeekOf(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate())
}

/** This ISO week for a person: the stack's clock (`now`, from /console/session) on the calendar of their time zone. */
export function thisWeekIn(timeZone: string, now: string): Week {
  return isoWeekOf(...todayIn(timeZone, new Date(Date.parse(now))))
}
