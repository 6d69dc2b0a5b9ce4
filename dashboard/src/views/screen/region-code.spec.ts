import { describe, expect, it } from 'vitest'
import { addressWithRegion, DEFAULT_REGION_CODE, hasRegionParam, isRegionCode, isWithinRegion, readRegionCode, setHomeRegionCode } from './region-code'

describe('readRegionCode', () => {
  it('takes ?region= and falls back to the demo city', () => {
    expect(readRegionCode('?region=990102001&x=1')).toBe('990102001')
    expect(readRegionCode('?region=%20990102%20')).toBe('990102')
    expect(readRegionCode('?region=')).toBe(DEFAULT_REGION_CODE)
    expect(readRegionCode('')).toBe(DEFAULT_REGION_CODE)
  })

  it('opens a district token at its own district when no ?region= is given', () => {
    setHomeRegionCode('990102')
    try {
      expect(readRegionCode('')).toBe('990102')
      expect(hasRegionParam('')).toBe(false)
      // an explicit region still wins
      expect(readRegionCode('?region=990102001')).toBe('990102001')
      expect(hasRegionParam('?region=990102001')).toBe(true)
      // nothing usable from the server: the city, as before
      setHomeRegionCode('not-a-code')
      expect(readRegionCode('')).toBe(DEFAULT_REGION_CODE)
    } finally {
      setHomeRegionCode(null)
    }
  })
})

describe('isRegionCode', () => {
  it('accepts six to twelve digits only', () => {
    expect(isRegionCode('990100')).toBe(true)
    expect(isRegionCode('990102001')).toBe(true)
    expect(isRegionCode('99010')).toBe(false)
    expect(isRegionCode('../990100')).toBe(false)
    expect(isRegionCode('990100_full')).toBe(false)
  })
})

describe('addressWithRegion', () => {
  it('sets region and keeps the other parameters and the hash', () => {
    expect(addressWithRegion('http://h:4000/screen/?theme=dark#top', '990102')).toBe('/screen/?theme=dark&region=990102#top')
    expect(addressWithRegion('http://h/screen/?region=990100&theme=dark', '990102001')).toBe('/screen/?region=990102001&theme=dark')
  })

  it('never brings a token back', () => {
    expect(addressWithRegion('http://h/screen/?token=abc.def&region=990100', '990103')).toBe('/screen/?region=990103')
  })
})

describe('isWithinRegion', () => {
  it('follows the codes’ ancestry: city → district → town', () => {
    expect(isWithinRegion('990102003', '990100')).toBe(true)
    expect(isWithinRegion('990102003', '990102')).toBe(true)
    expect(isWithinRegion('990102003', '990102003')).toBe(true)
    expect(isWithinRegion('990103001', '990102')).toBe(false)
    expect(isWithinRegion('990102', '990102003')).toBe(false)
    expect(isWithinRegion('9901020000', '990102')).toBe(false)
  })
})
