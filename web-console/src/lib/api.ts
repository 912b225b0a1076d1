// Calls the API through the gateway on the same origin. The browser holds only the gateway's session cookie; a call
// that changes something carries the CSRF token the gateway set in the XSRF-TOKEN cookie.

/** An error the API answered with (RFC 7807), or the gateway's 401/503. */
export class Problem extends Error {
  constructor(
    public status: number,
    public title: string,
    public detail: string,
    public field?: string,
    /** Seconds the answer asked the caller to wait before trying again (`Retry-After` on a 503 or 429). */
    public retryAfter?: number,
  ) {
    super(detail || title)
  }
}

/** `Retry-After` as seconds from now: delta-seconds or an HTTP date; nothing when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined
  if (/^\d+$/.test(header.trim())) return Number(header.trim())
  const at = Date.parse(header)
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000))
}

export const SIGN_IN = '/oauth2/authorization/goals'
export const SESSION_EXPIRED = 'goals:session-expired'

function csrfToken(cookies: string = document.cookie): string | undefined {
  const found = cookies.split(';').map((c) => c.trim()).find((c) => c.startsWith('XSRF-TOKEN='))
  return found ? decodeURIComponent(found.substring('XSRF-TOKEN='.length)) : undefined
}

export async function call<T>(method: string, path: string, body?: unknown, fetcher: typeof fetch = fetch): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && method !== 'HEAD') {
    const token = csrfToken()
    if (token) headers['X-XSRF-TOKEN'] = token
  }
  const response = await fetcher(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (response.ok) {
    return response.status === 204 ? (undefined as T) : ((await response.json()) as T)
  }
  if (response.status === 401 && typeof window !== 'undefined') {
    window.dispatchEvent(new CustomEvent(SESSION_EXPIRED)) // the whole console asks for sign-in, not one card
  }
  let problem: { title?: string; detail?: string; field?: string } = {}
  try {
    problem = await response.json()
  } catch {
    // a body that is not JSON: the status says enough
  }
  throw new Problem(response.status, problem.title ?? response.statusText, problem.detail ?? '', problem.field,
    retryAfterSeconds(response.headers.get('Retry-After')))
}

export const get = <T>(path: string) => call<T>('GET', path)
export const post = <T>(path: string, body?: unknown) => call<T>('POST', path, body)
export const put = <T>(path: string, body?: unknown) => call<T>('PUT', path, body)

/** Reads again until the change shows: views are projections and may lag the command by a moment. */
export async function until<T>(read: () => Promise<T>, shows: (value: T) => boolean, tries = 25): Promise<T> {
  let value = await read()
  for (let i = 1; i < tries && !shows(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 200))
    value = await read()
  }
  return value
}

/** Who is signed in: the gateway's session (subject and roles from the issuer's token). */
export interface Session {
  subject: string
  roles: string[]
  /** The stack's clock (a test stack may run at another moment): "today" is taken from it, not the browser's. */
  now: string
}

export { csrfToken }

const zones = new Map<string, Promise<string>>()

/** A person's time zone from the org chart (asked once a page load); the browser's when they are not in it. */
export function zoneOf(employeeId: string): Promise<string> {
  if (!zones.has(employeeId)) {
    zones.set(employeeId, get<{ timeZone: string }>(`/api/org/employees/${encodeURIComponent(employeeId)}`)
      .then((person) => person.timeZone)
      .catch(() => Intl.DateTimeFormat().resolvedOptions().timeZone))
  }
  return zones.get(employeeId)!
}
