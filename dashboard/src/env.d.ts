/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  // props are checked by the build, not by tsc (no vue-tsc): tests may pass any
  const component: DefineComponent<Record<string, unknown>, object, unknown>
  export default component
}
