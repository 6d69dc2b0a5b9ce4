import { describe, expect, it } from 'vitest'
import { regionLabel } from './region-label'

const city = { code: '990100', name: '江湾市' }
const district = { code: '990102', name: '临江区' }
const town = { code: '990102003', name: '江滨街道' }

describe('regionLabel', () => {
  it('is the region’s own name when known', () => {
    expect(regionLabel('990102003', [city, district, town])).toBe('江滨街道')
    expect(regionLabel('990100', [city, district])).toBe('江湾市')
  })

  it('is the nearest known region it lies in: a town on the city view reads as its district', () => {
    expect(regionLabel('990102004', [city, district])).toBe('临江区')
    expect(regionLabel('990102004', [district, city])).toBe('临江区')
    expect(regionLabel('990103001', [city, district])).toBe('江湾市')
  })

  it('is the code when nothing known contains it, or names are not there yet', () => {
    expect(regionLabel('990201001', [city, district])).toBe('990201001')
    expect(regionLabel('990102004', [{ code: '990102', name: '' }])).toBe('990102004')
    expect(regionLabel('990102004', [])).toBe('990102004')
  })
})
