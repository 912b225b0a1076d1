// The weekly execution board as scoring-service serves it (GET /api/boards/weeks/{employeeId}/{isoWeek}).

export interface MetricProgress {
  metric: string
  unit: string
  target: number
  actual: number
  completionPercent: number
}

export interface ActionState {
  actionId: string
  title: string
  kind: string
  plannedOn?: string
  customerId?: string
  completed: boolean
}

export interface GoalLine {
  goalId: string
  periodType: string
  periodKey: string
  title: string
  targets: MetricProgress[]
  actions: ActionState[]
  actionsPlanned: number
  actionsCompleted: number
}

export interface CrmRecord {
  activityId: string
  type: string
  ref: string
  customerId?: string
  day: string
  at: string
  deltas: { metric: string; amount: string; unit: string }[]
}

export interface Board {
  employeeId: string
  isoWeek: string
  firstDay: string
  lastDay: string
  week: GoalLine[]
  days: GoalLine[]
  records: Record<string, CrmRecord[]>
  reports: { templateId: string; periodKey: string; status: string }[]
  score?: { total: number; rubricVersion: number }
}

/** Completion shown on a bar: 0 to 100, whatever the actual (a goal can be beaten). */
export function barPercent(progress: Pick<MetricProgress, 'completionPercent'> | { completionPercent: string }): number {
  const percent = Number(progress.completionPercent)
  if (!Number.isFinite(percent) || percent < 0) return 0
  return Math.min(100, Math.round(percent))
}

/** An amount with its unit: money by the locale's currency rules, counts as whole numbers. */
export function amount(value: number | string, unit: string, locale: string): string {
  const number = Number(value)
  if (unit === 'count') return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(number)
  if (/^[A-Z]{3}$/.test(unit)) return new Intl.NumberFormat(locale, { style: 'currency', currency: unit }).format(number)
  return `${new Intl.NumberFormat(locale).format(number)} ${unit}`
}

/** Every CRM record of the week, newest first, with the kind it is listed under. */
export function recordsOf(board: Board): (CrmRecord & { kind: string })[] {
  return Object.entries(board.records ?? {})
    .flatMap(([kind, records]) => records.map((record) => ({ ...record, kind })))
    .sort((a, b) => b.at.localeCompare(a.at))
}
