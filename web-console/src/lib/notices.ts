import { ref } from 'vue'

/** One notice as GET /api/notices returns it (report-service). */
export interface Notice {
  id: string
  kind: 'REMINDER' | 'MISSING_ESCALATED' | 'MILESTONE'
  title: string
  text: string
  ownerId?: string
  periodKey?: string
  link?: string
  createdAt: string
  readAt?: string
}

export interface NoticePage {
  total: number
  unread: number
  notices: Notice[]
}

/** The signed-in person's unread notices, shown beside the nav link; refreshed on each page change. */
export const unreadCount = ref(0)
