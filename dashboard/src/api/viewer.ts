import { queryOnce } from './http'

const SCREEN_VIEWER = /* GraphQL */ `
  query ScreenViewer {
    viewer { regionCode }
  }
`

/** The root region of the token's scope (a district leader's district, the city for a city-wide token). */
export async function fetchViewerRegion(signal?: AbortSignal): Promise<string | null> {
  const data = await queryOnce<{ viewer: { regionCode: string } | null }>(SCREEN_VIEWER, 'ScreenViewer', {}, signal)
  return data.viewer?.regionCode ?? null
}
