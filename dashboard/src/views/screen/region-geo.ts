import { registerGeoJson } from '../../echarts'
import { isRegionCode } from './region-code'

/** One area of a region's map. */
export interface GeoArea {
  code: string
  name: string
}

/** A region's map, registered with ECharts under its code. */
export interface RegionGeo {
  code: string
  areas: GeoArea[]
  /** Width/height correction for the latitude: cos(φ) (ECharts assumes 0.75 otherwise). */
  aspectScale: number
}

/** A failure worth retrying (network, server); a missing file is not one. */
export class GeoLoadError extends Error {}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

function eachPosition(coordinates: unknown, visit: (lng: number, lat: number) => void): void {
  if (!Array.isArray(coordinates)) return
  if (typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') visit(coordinates[0], coordinates[1])
  else for (const item of coordinates) eachPosition(item, visit)
}

/**
 * The areas of a DataV GeoAtlas file, ready for `registerMap`: only Polygon/MultiPolygon features
 * with an adcode, the adcode as a string (ECharts matches data names with ===, and our data names
 * are the codes as strings). null when the file holds no area.
 */
export function prepareGeoJson(input: unknown): { geoJson: Json; areas: GeoArea[]; aspectScale: number } | null {
  if (!isObject(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) return null
  const features: Json[] = []
  const areas: GeoArea[] = []
  let [minLat, maxLat] = [Infinity, -Infinity]
  for (const feature of input.features) {
    if (!isObject(feature) || !isObject(feature.properties) || !isObject(feature.geometry)) continue
    const { type, coordinates } = feature.geometry
    const adcode = feature.properties.adcode
    if ((type !== 'Polygon' && type !== 'MultiPolygon') || (typeof adcode !== 'number' && typeof adcode !== 'string')) continue
    const code = String(adcode)
    const name = typeof feature.properties.name === 'string' ? feature.properties.name : code
    eachPosition(coordinates, (_lng, lat) => {
      minLat = Math.min(minLat, lat)
      maxLat = Math.max(maxLat, lat)
    })
    features.push({ ...feature, properties: { ...feature.properties, adcode: code } })
    areas.push({ code, name })
  }
  if (areas.length === 0 || !Number.isFinite(minLat)) return null
  const midLat = ((minLat + maxLat) / 2) * (Math.PI / 180)
  return { geoJson: { type: 'FeatureCollection', features }, areas, aspectScale: Math.max(0.2, Math.cos(midLat)) }
}

async function fetchRegionGeo(code: string): Promise<RegionGeo | null> {
  if (!isRegionCode(code)) return null
  let response: Response
  try {
    response = await fetch(`${import.meta.env.BASE_URL}geo/${code}_full.json`)
  } catch {
    throw new GeoLoadError('地图加载失败')
  }
  if (response.status === 404) return null
  if (!response.ok) throw new GeoLoadError(`地图加载失败（${response.status}）`)
  // the gateway answers an unknown path with the page itself (200, text/html): no map for this code
  if (!response.headers.get('content-type')?.includes('json')) return null
  let prepared: ReturnType<typeof prepareGeoJson>
  try {
    prepared = prepareGeoJson(await response.json())
  } catch {
    return null
  }
  if (!prepared) return null
  registerGeoJson(code, prepared.geoJson)
  return { code, areas: prepared.areas, aspectScale: prepared.aspectScale }
}

// Once per code for the page's life (a handful of small files); failures are forgotten so that a
// later call tries again.
const cache = new Map<string, Promise<RegionGeo | null>>()

/** The map of `code`'s children (`geo/<code>_full.json`), or null when there is none. */
export function loadRegionGeo(code: string): Promise<RegionGeo | null> {
  let pending = cache.get(code)
  if (!pending) {
    pending = fetchRegionGeo(code)
    cache.set(code, pending)
    pending.catch(() => cache.delete(code))
  }
  return pending
}
