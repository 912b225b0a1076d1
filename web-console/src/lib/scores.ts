// Week scores and month totals as scoring-service serves them (/api/scores, /api/dashboards).

export interface Parts {
  numeric?: string
  actions?: string
  timeliness?: string
  behavior?: string
}

export interface ScoredWeek {
  employeeId: string
  isoWeek: string
  month: string
  version: number
  rubricVersion: number
  parts: Parts
  total: string
  inputs: { behaviorRating: number; actionsPlanned: number; actionsCompleted: number; reportsOnTime: number; reportsLate: number; reportsMissing: number }
  comment?: string
  scoredBy: string
  scoredAt: string
}

export interface MonthTotal {
  employeeId: string
  month: string
  version: number
  rubricVersion: number
  total: string
  payFactor: string
  weeks: { isoWeek: string; status: 'SCORED' | 'EXCUSED' | 'MISSING'; score: string }[]
}

export interface TeamMember {
  employeeId: string
  supervisorId: string
  goals: number
  completionPercent?: string
  reportsOnTime: number
  reportsLate: number
  reportsMissing: number
  reportsExcused?: number
  score?: string
  payFactor?: string
}

export interface TeamPage {
  supervisorId: string
  periodKey: string
  page: number
  size: number
  total: number
  sort: string
  members: TeamMember[]
}

/** The team's timeliness added up, for the chart: how many reports were on time, late, missing, excused. */
export function timelinessTotals(members: TeamMember[]): Record<'ON_TIME' | 'LATE' | 'MISSING' | 'EXCUSED', number> {
  const sum = (pick: (m: TeamMember) => number | undefined) => members.reduce((total, m) => total + (pick(m) ?? 0), 0)
  return { ON_TIME: sum((m) => m.reportsOnTime), LATE: sum((m) => m.reportsLate), MISSING: sum((m) => m.reportsMissing), EXCUSED: sum((m) => m.reportsExcused) }
}
