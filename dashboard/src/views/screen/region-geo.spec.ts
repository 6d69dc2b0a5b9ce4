import { describe, expect, it } from 'vitest'
import { prepareGeoJson } from './region-geo'

const square = [[[118, 30], [118.1, 30], [118.1, 30.1], [118, 30.1], [118, 30]]]

describe('prepareGeoJson', () => {
  it('keeps the areas, with the adcode as a string, and skips lines', () => {
    const prepared = prepareGeoJson({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { adcode: 990102, name: '临江区' }, geometry: { type: 'Polygon', coordinates: square } },
        { type: 'Feature', properties: { adcode: 990103, name: '城南区' }, geometry: { type: 'MultiPolygon', coordinates: [square] } },
        { type: 'Feature', properties: { adcode: '100000_JD', name: '' }, geometry: { type: 'MultiLineString', coordinates: [] } },
      ],
    })
    expect(prepared?.areas).toEqual([
      { code: '990102', name: '临江区' },
      { code: '990103', name: '城南区' },
    ])
    const features = prepared?.geoJson.features as { properties: { adcode: unknown } }[]
    expect(features.map((f) => f.properties.adcode)).toEqual(['990102', '990103'])
    expect(prepared?.aspectScale).toBeCloseTo(Math.cos((30.05 * Math.PI) / 180), 6)
  })

  it('is null for anything without an area (e.g. the page served in place of a missing file)', () => {
    expect(prepareGeoJson('<!doctype html>')).toBeNull()
    expect(prepareGeoJson({ type: 'FeatureCollection', features: [] })).toBeNull()
    expect(prepareGeoJson({ type: 'Feature' })).toBeNull()
  })
})
