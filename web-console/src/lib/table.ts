// A TABLE field of a report (the sales rep's planned visits and calls): a list of rows keyed by the template's columns.

export interface Column {
  key: string
  label: string
  type: string
}

export type Row = Record<string, string>

/** The rows as stored, each holding every column (an absent cell is empty). */
export function tableOf(value: unknown, columns: Column[]): Row[] {
  const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : []
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c.key, row?.[c.key] === undefined || row?.[c.key] === null ? '' : String(row[c.key])])))
}

/** The rows as the API takes them: empty cells left out, rows with nothing in them dropped. */
export function cleanedTable(rows: Row[]): Record<string, string>[] {
  return rows
    .map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()])))
    .filter((row) => Object.keys(row).length > 0)
}

/** Number cells that are not numbers, by the path the API would name: `visits_planned[0].amount`. */
export function tableProblems(field: string, rows: Row[], columns: Column[]): Record<string, string> {
  const problems: Record<string, string> = {}
  rows.forEach((row, r) => columns.forEach((c) => {
    const cell = row[c.key]?.trim()
    if (cell && (c.type === 'NUMBER' || c.type === 'MONEY') && !/^-?\d+(\.\d+)?$/.test(cell)) problems[`${field}[${r}].${c.key}`] = 'number'
  }))
  return problems
}
