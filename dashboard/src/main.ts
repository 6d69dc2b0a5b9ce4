import { createApp } from 'vue'
// A CJK font ships with the screen: a wall PC may have none, and nothing is fetched from outside.
import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/700.css'
import { captureToken } from './api/auth'
import App from './app.vue'

// Before anything renders: move ?token= out of the visible URL into sessionStorage.
captureToken()

createApp(App).mount('#app')
