import { onBeforeUnmount, onMounted, ref } from 'vue'

/** The pointer disappears after this long without moving (app.vue: `html.cursor-idle`). */
export const CURSOR_IDLE_MS = 3000

/** Something opened on the wall (a list) closes by itself this long after its last touch. */
export const OVERVIEW_RETURN_MS = 120_000

export type WakeLockStatus = 'held' | 'released' | 'unsupported' | 'refused'

/**
 * Wall-screen behaviour for the page's life: the pointer is hidden while nobody moves it, and
 * the display is kept awake where the Screen Wake Lock API exists (taken again whenever the page
 * becomes visible: the browser releases it when the page is hidden). No scrollbars and no text
 * selection come from app.vue's styles. Everything is undone on unmount.
 */
export function useKiosk() {
  const wakeLock = ref<WakeLockStatus>('released')
  const root = document.documentElement
  let idleTimer: ReturnType<typeof setTimeout> | undefined
  let sentinel: WakeLockSentinel | undefined
  let requesting = false
  let unmounted = false

  function pointerMoved(): void {
    root.classList.remove('cursor-idle')
    clearTimeout(idleTimer)
    idleTimer = setTimeout(() => root.classList.add('cursor-idle'), CURSOR_IDLE_MS)
  }

  async function keepAwake(): Promise<void> {
    if (!('wakeLock' in navigator)) {
      wakeLock.value = 'unsupported'
      return
    }
    if (sentinel || requesting || document.visibilityState !== 'visible') return
    requesting = true
    try {
      const lock = await navigator.wakeLock.request('screen')
      if (unmounted) {
        await lock.release()
        return
      }
      sentinel = lock
      wakeLock.value = 'held'
      lock.addEventListener('release', () => {
        sentinel = undefined
        if (!unmounted) wakeLock.value = 'released'
      })
    } catch {
      // not allowed (e.g. power saving): the wall PC's own power settings decide
      wakeLock.value = 'refused'
    } finally {
      requesting = false
    }
  }

  function visibilityChanged(): void {
    if (document.visibilityState === 'visible') void keepAwake()
  }

  onMounted(() => {
    window.addEventListener('pointermove', pointerMoved, { passive: true })
    window.addEventListener('pointerdown', pointerMoved, { passive: true })
    document.addEventListener('visibilitychange', visibilityChanged)
    pointerMoved()
    void keepAwake()
  })

  onBeforeUnmount(() => {
    unmounted = true
    window.removeEventListener('pointermove', pointerMoved)
    window.removeEventListener('pointerdown', pointerMoved)
    document.removeEventListener('visibilitychange', visibilityChanged)
    clearTimeout(idleTimer)
    root.classList.remove('cursor-idle')
    void sentinel?.release()
    sentinel = undefined
  })

  return { wakeLock }
}
