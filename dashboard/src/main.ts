import { createApp } from 'vue'
// A CJK font ships with the screen: a wall PC may have none, and nothing is fetched from outside.
import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/700.css'
import { captureToken, getToken } from './api/auth'
import { fetchViewerRegion } from './api/viewer'
import App from './app.vue'
import { hasRegionParam, setHomeRegionCode } from './views/screen/region-code'

// Before anything renders: move ?token= out of the visible URL into sessionStorage.
captureToken()

const HOME_REGION_TIMEOUT_MS = 5000

/** Without `?region=`, the screen opens at the token's own region (a district token: its district). */
async function findHomeRegion(): Promise<void> {
  if (!getToken() || hasRegionParam()) return
  try {
    setHomeRegionCode(await fetchViewerRegion(AbortSignal.timeout(HOME_REGION_TIMEOUT_MS)))
  } catch {
    // unreachable now: the city, as before; `?region=` pins a district screen through outages
  }
}

void findHomeRegion().finally(() => createApp(App).mount('#app'))
