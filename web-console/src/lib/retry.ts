import { onScopeDispose, type Ref } from 'vue'
import type { Problem } from './api'

/** The longest a screen waits on its own before reading again; a longer `Retry-After` leaves it to the person. */
export const LONGEST_WAIT_SECONDS = 60

/**
 * How long a failed read waits before it tries again by itself: what the answer asked for (`Retry-After`), when the
 * service was only unavailable for a moment (503) or the caller too fast (429). Nothing for any other failure: a 403 or
 * a 404 will not heal by waiting.
 */
export function waitBeforeRetry(failure: Problem): number | undefined {
  if (failure.status !== 503 && failure.status !== 429) return undefined
  if (failure.retryAfter === undefined || failure.retryAfter > LONGEST_WAIT_SECONDS) return undefined
  return Math.max(1, failure.retryAfter)
}

/**
 * Counts down a wait second by second and calls `retry` once at its end; `stop` ends it early (the person pressed
 * retry, or the screen moved on). One countdown per failure: the retry's own failure starts the next.
 */
export function countDown(seconds: number, tick: (left: number) => void, retry: () => void): () => void {
  let left = seconds
  tick(left)
  const timer = setInterval(() => {
    left -= 1
    if (left > 0) {
      tick(left)
    } else {
      clearInterval(timer)
      retry()
    }
  }, 1000)
  return () => clearInterval(timer)
}

/**
 * A live screen: reads again every `ms` while the page is visible, but not while a failure that asked for a wait shows
 * (its card reads again when the answer's Retry-After says; a poll beside it would restart the countdown). Stops with
 * the component (or effect scope) that started it.
 */
export function readEvery(ms: number, read: () => unknown, failure: Ref<Problem | null>): void {
  const waiting = () => failure.value !== null && waitBeforeRetry(failure.value) !== undefined
  const timer = setInterval(() => { if (document.visibilityState === 'visible' && !waiting()) read() }, ms)
  onScopeDispose(() => clearInterval(timer))
}
