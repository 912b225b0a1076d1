import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, ref } from 'vue'
import ElementPlus from 'element-plus'
import { i18n } from '../i18n'
import { Problem } from '../lib/api'
import ReadFailure from './ReadFailure.vue'

// Mounted as a screen mounts it (Element Plus, the console's messages), on a clock the test moves.
function mount(failure: Problem) {
  const shown = ref<Problem | null>(failure)
  let retries = 0
  const host = document.createElement('div')
  document.body.appendChild(host)
  const app = createApp({
    render: () => shown.value ? h(ReadFailure, { failure: shown.value, unavailable: 'rubric unreadable', onRetry: () => retries++ }) : null,
  }).use(i18n).use(ElementPlus)
  app.mount(host)
  return { host, shown, retries: () => retries, unmount: () => app.unmount() }
}

describe('a read that failed, on its card', () => {
  beforeEach(() => { vi.useFakeTimers(); i18n.global.locale.value = 'en' })
  afterEach(() => { vi.useRealTimers(); document.body.innerHTML = '' })

  it('says the service is unavailable and tries again by itself after Retry-After', async () => {
    const card = mount(new Problem(503, 'Service Unavailable', 'scoring-service is not answering right now', undefined, 10))
    await nextTick()
    expect(card.host.textContent).toContain('rubric unreadable')
    expect(card.host.textContent).toContain('Trying again by itself in 10 s')
    vi.advanceTimersByTime(9000)
    await nextTick()
    expect(card.host.textContent).toContain('in 1 s')
    expect(card.retries()).toBe(0)
    vi.advanceTimersByTime(1000)
    expect(card.retries()).toBe(1)
    card.unmount()
  })

  it('starts a new wait when the retry fails again, and none once the card is gone', async () => {
    const card = mount(new Problem(503, 'Service Unavailable', '', undefined, 2))
    vi.advanceTimersByTime(2000)
    expect(card.retries()).toBe(1)
    card.shown.value = new Problem(503, 'Service Unavailable', '', undefined, 2)
    await nextTick()
    vi.advanceTimersByTime(2000)
    expect(card.retries()).toBe(2)
    card.shown.value = null // the read came back: the screen drops the card
    await nextTick()
    vi.advanceTimersByTime(10_000)
    expect(card.retries()).toBe(2)
    card.unmount()
  })

  it('does not wait on a refusal: "not allowed", and only the person retries', async () => {
    const card = mount(new Problem(403, 'Forbidden', 'P-9 is not in your reporting line', undefined, 10))
    await nextTick()
    expect(card.host.textContent).toContain('Not allowed')
    expect(card.host.textContent).not.toContain('Trying again')
    vi.advanceTimersByTime(60_000)
    expect(card.retries()).toBe(0)
    ;(card.host.querySelector('button') as HTMLButtonElement).click()
    expect(card.retries()).toBe(1)
    card.unmount()
  })
})
