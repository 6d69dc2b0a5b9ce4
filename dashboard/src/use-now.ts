import { onBeforeUnmount, ref } from 'vue'

/** Date.now(), refreshed every second by one interval that is cleared on unmount. */
export function useNow() {
  const now = ref(Date.now())
  const timer = setInterval(() => {
    now.value = Date.now()
  }, 1000)
  onBeforeUnmount(() => clearInterval(timer))
  return now
}
