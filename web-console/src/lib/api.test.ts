import { describe, expect, it } from 'vitest'
import { call, csrfToken, Problem, retryAfterSeconds, SESSION_EXPIRED } from './api'

function answer(status: number, body: unknown): typeof fetch {
  return (async () => new Response(body === undefined ? null : JSON.stringify(body), { status })) as typeof fetch
}

describe('the API client', () => {
  it('reads the CSRF token the gateway set', () => {
    expect(csrfToken('SESSION=abc; XSRF-TOKEN=t%2Bk')).toBe('t+k')
    expect(csrfToken('SESSION=abc')).toBeUndefined()
  })

  it('turns a problem answer into an error naming the field', async () => {
    const refused = call('POST', '/api/goals', {}, answer(400, { title: 'Invalid request body', detail: 'title: must not be blank', field: 'title' }))
    await expect(refused).rejects.toEqual(new Problem(400, 'Invalid request body', 'title: must not be blank', 'title'))
  })

  it('keeps the status when the body is not JSON', async () => {
    const down = call('GET', '/api/goals/G-1', undefined, (async () => new Response('gateway down', { status: 503, statusText: 'Service Unavailable' })) as typeof fetch)
    await expect(down).rejects.toMatchObject({ status: 503 })
  })

  it('sends the session cookie, never a token', async () => {
    let seen: RequestInit | undefined
    await call('GET', '/api/goals/G-1', undefined, (async (_: RequestInfo | URL, init?: RequestInit) => {
      seen = init
      return new Response('{}', { status: 200 })
    }) as typeof fetch)
    expect(seen?.credentials).toBe('same-origin')
    expect(JSON.stringify(seen?.headers)).not.toContain('Authorization')
  })

  it('tells the whole console when the session has ended', async () => {
    let told = 0
    window.addEventListener(SESSION_EXPIRED, () => told++)
    await expect(call('GET', '/api/goals/G-1', undefined, answer(401, { title: 'Not authenticated' }))).rejects.toMatchObject({ status: 401 })
    await expect(call('GET', '/api/goals/G-1', undefined, answer(403, { title: 'Not allowed' }))).rejects.toMatchObject({ status: 403 })
    expect(told).toBe(1)
  })

  it('keeps how long a 503 asked the caller to wait', async () => {
    const down = call('GET', '/api/rubric', undefined, (async () => new Response(JSON.stringify({ title: 'Service Unavailable' }),
      { status: 503, headers: { 'Retry-After': '10' } })) as typeof fetch)
    await expect(down).rejects.toMatchObject({ status: 503, retryAfter: 10 })
    await expect(call('GET', '/api/rubric', undefined, answer(503, { title: 'Service Unavailable' }))).rejects.toMatchObject({ retryAfter: undefined })
  })

  it('reads Retry-After as seconds or as a date', () => {
    const now = Date.parse('Mon, 07 Dec 2026 22:00:00 GMT')
    expect(retryAfterSeconds('5', now)).toBe(5)
    expect(retryAfterSeconds('Mon, 07 Dec 2026 22:00:30 GMT', now)).toBe(30)
    expect(retryAfterSeconds('Mon, 07 Dec 2026 21:59:00 GMT', now)).toBe(0)
    expect(retryAfterSeconds('soon', now)).toBeUndefined()
    expect(retryAfterSeconds(null, now)).toBeUndefined()
  })
})
