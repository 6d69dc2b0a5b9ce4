import { createApp } from 'vue'
import { captureToken } from './api/auth'
import App from './app.vue'

// Before anything renders: move ?token= out of the visible URL into sessionStorage.
captureToken()

createApp(App).mount('#app')
