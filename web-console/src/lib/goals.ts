// Goals as goal-service serves them (/api/goals, /tree) and their progress from scoring-service.

export interface NumericTarget {
  metric: string
  target: string
  unit: string
}

export interface GoalAction {
  actionId: string
  title: string
  kind: string
  plannedOn?: string
  customerId?: string
  completed?: boolean
}

export interface Goal {
  goalId: string
  ownerId: string
  periodType: string
  periodKey?: string
  parentGoalId?: string
  title: string
  numericTargets: NumericTarget[]
  actions: GoalAction[]
  status: string
  version: number
}

export interface GoalTree {
  goal: Goal
  childSums: { metric: string; unit: string; target: string; childrenSum: string; gap: string }[]
  children: GoalTree[]
}

export interface Progress {
  goalId: string
  metrics: { metric: string; unit: string; target: string; actual: string; completionPercent: string; stretch?: string; challenge?: string; tier?: string }[]
  actions: { planned: number; completed: number }
  descendants: number
}

/** The tree as the page's tree control takes it: a label and children per node. */
export function treeNodes(tree: GoalTree): { id: string; label: string; node: GoalTree; children: ReturnType<typeof treeNodes>[] } {
  const g = tree.goal
  return { id: g.goalId, label: `${g.periodKey ?? '·'} ${g.title}`, node: tree, children: tree.children.map(treeNodes) }
}

/** A problem's field as the decomposition form names it: numericTargets[0].target → numericTargets. */
export function formField(field: string | undefined): string {
  return (field ?? '').replace(/\[\d+\].*$/, '').replace(/\..*$/, '')
}
