import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Problem } from './api'
import { effectScope, ref } from 'vue'
import { countDown, LONGEST_WAIT_SECONDS, readEvery, waitBeforeRetry } from './retry'

describe('a failed read that may heal by waiting', () => {
  beforeEach(() => { vi.useFakeTimers() })
  afterEach(() => { vi.useRealTimers() })

  it('waits what a 503 or 429 asked for, and nothing for a failure waiting will not mend', () => {
    expect(waitBeforeRetry(new Problem(503, 'Service Unavailable', '', undefined, 10))).toBe(10)
    expect(waitBeforeRetry(new Problem(429, 'Too Many Requests', '', undefined, 0))).toBe(1)
    expect(waitBeforeRetry(new Problem(503, 'Service Unavailable', ''))).toBeUndefined()
    expect(waitBeforeRetry(new Problem(403, 'Forbidden', '', undefined, 10))).toBeUndefined()
    expect(waitBeforeRetry(new Problem(503, 'Service Unavailable', '', undefined, LONGEST_WAIT_SECONDS + 1))).toBeUndefined()
  })

  it('counts down each second and retries once at the end', () => {
    const seen: number[] = []
    let retried = 0
    countDown(3, (left) => seen.push(left), () => retried++)
    vi.advanceTimersByTime(2999)
    expect(retried).toBe(0)
    vi.advanceTimersByTime(1)
    expect(seen).toEqual([3, 2, 1])
    expect(retried).toBe(1)
    vi.advanceTimersByTime(10_000)
    expect(retried).toBe(1)
  })

  it('does not retry once stopped', () => {
    let retried = 0
    const stop = countDown(2, () => {}, () => retried++)
    vi.advanceTimersByTime(1000)
    stop()
    vi.advanceTimersByTime(5000)
    expect(retried).toBe(0)
  })
})

describe('a live screen reading again', () => {
  beforeEach(() => { vi.useFakeTimers() })
  afterEach(() => { vi.useRealTimers() })

  it('reads on each beat while visible, holds while a failure waits out its Retry-After, and stops with its screen', () => {
    const failure = ref<Problem | null>(null)
    let reads = 0
    const screen = effectScope()
    screen.run(() => readEvery(5000, () => reads++, failure))
    vi.advanceTimersByTime(10_000)
    expect(reads).toBe(2)

    failure.value = new Problem(503, 'Service Unavailable', '', undefined, 10) // its card counts down and reads itself
    vi.advanceTimersByTime(10_000)
    expect(reads).toBe(2)
    failure.value = new Problem(500, 'Internal Server Error', '') // no wait asked: the beat goes on
    vi.advanceTimersByTime(5000)
    expect(reads).toBe(3)

    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
    vi.advanceTimersByTime(10_000)
    expect(reads).toBe(3)
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true })

    screen.stop()
    vi.advanceTimersByTime(10_000)
    expect(reads).toBe(3)
  })
})
