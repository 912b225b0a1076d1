// The daily schedule of a weekly plan (a DAILY_SCHEDULE field): Monday to Saturday, each day a list of planned
// actions. The rules are report-service's (ReportTemplate): checked here first so a person sees them on the row.

export const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const
export const KINDS = ['VISIT', 'CALL', 'MEETING_INVITE', 'MARKET_ACTIVITY', 'AGENT_TRAINING', 'ROUTINE', 'SPECIAL'] as const
const WITH_CUSTOMER = new Set<string>(['VISIT', 'CALL', 'MEETING_INVITE'])

export interface ScheduledAction {
  title: string
  kind: string
  customerId?: string
}

export type Schedule = Record<string, ScheduledAction[]>

/** Visits, calls and meeting invitations are with someone: they need the customer. */
export const needsCustomer = (kind: string) => WITH_CUSTOMER.has(kind)

/** A schedule as stored, every day present (an empty day is an empty list). */
export function scheduleOf(value: unknown): Schedule {
  const given = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>
  return Object.fromEntries(DAYS.map((day) => [day, Array.isArray(given[day]) ? (given[day] as ScheduledAction[]).map((a) => ({ ...a })) : []]))
}

/** The schedule as the API takes it: blank customer ids left out, empty days kept. */
export function cleaned(schedule: Schedule): Schedule {
  return Object.fromEntries(Object.entries(schedule).map(([day, actions]) => [day, actions.map((a) => {
    const action: ScheduledAction = { title: a.title.trim(), kind: a.kind }
    if (a.customerId?.trim()) action.customerId = a.customerId.trim()
    return action
  })]))
}

/** Every broken rule, by the path the API would name: `daily_schedule.MONDAY[0].customerId`. */
export function scheduleProblems(field: string, schedule: Schedule): Record<string, string> {
  const problems: Record<string, string> = {}
  for (const [day, actions] of Object.entries(schedule)) {
    actions.forEach((action, i) => {
      const at = `${field}.${day}[${i}]`
      if (!action.title?.trim()) problems[`${at}.title`] = 'required'
      if (!KINDS.includes(action.kind as (typeof KINDS)[number])) problems[`${at}.kind`] = 'unknown'
      if (needsCustomer(action.kind) && !action.customerId?.trim()) problems[`${at}.customerId`] = 'customerRequired'
    })
  }
  return problems
}

/** The rows of a schedule in order, numbered as a row anchor counts them (0 = Monday's first). */
export function rows(schedule: Schedule): { row: number; day: string; action: ScheduledAction }[] {
  let row = 0
  return DAYS.flatMap((day) => (schedule[day] ?? []).map((action) => ({ row: row++, day, action })))
}
