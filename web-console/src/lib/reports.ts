// Reports as report-service serves them (GET /api/reports/{id}, /api/reports/inbox) and the templates they are written on.

export interface Answer {
  text: string
  author: string
  answeredAt: string
}

export interface AnnotationView {
  annotationId: string
  field?: string
  row?: number
  text: string
  author: string
  addedAt: string
  answers: Answer[]
}

export interface ReportView {
  reportId: string
  ownerId: string
  templateId: string
  templateVersion: number
  periodKey: string
  status: 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'REVIEWED'
  version: number
  fields: Record<string, unknown>
  submittedAt?: string
  timeliness?: string
  returnReason?: string
  annotations: AnnotationView[]
}

export interface Page<T> {
  items: T[]
  page: number
  size: number
  total: number
}

export interface TemplateField {
  key: string
  label: string
  type: string
  required?: boolean
  carryFrom?: string
  source?: { metric: string; unit: string; period: string }
  columns?: { key: string; label: string; type: string }[]
}

export interface Template {
  templateId: string
  version?: number
  name: string
  role?: string
  periodType?: string
  kind?: string
  fields: TemplateField[]
  deadline?: Record<string, unknown>
}

/** A field's value as a person reads it: text as is, a schedule or table as one line per row. */
export function shown(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value !== 'object') return String(value)
  if (Array.isArray(value)) return value.map(shown).join('\n')
  const entries = Object.entries(value as Record<string, unknown>)
  if (entries.every(([, v]) => Array.isArray(v))) {
    return entries.flatMap(([day, rows]) => (rows as Record<string, unknown>[]).map((row) => `${day}: ${row.title ?? shown(row)}`)).join('\n')
  }
  return entries.map(([k, v]) => `${k}: ${shown(v)}`).join('; ')
}

