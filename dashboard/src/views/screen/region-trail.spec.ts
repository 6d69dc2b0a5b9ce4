import { describe, expect, it } from 'vitest'
import { moveTrail, trailOfRegion } from './region-trail'

const city = { code: '990100', name: '江湾市' }
const district = { code: '990102', name: '临江区' }
const town = { code: '990102001', name: '江滨街道' }

describe('moveTrail', () => {
  it('goes one level down to a region that is not on the trail', () => {
    expect(moveTrail([city], district)).toEqual([city, district])
    expect(moveTrail([city, district], town)).toEqual([city, district, town])
  })

  it('goes back to an ancestor, dropping what was below it', () => {
    expect(moveTrail([city, district, town], city)).toEqual([city])
    expect(moveTrail([city, district, town], district)).toEqual([city, district])
  })
})

describe('trailOfRegion', () => {
  it('is the full path on a direct open of a town (?region=<town>)', () => {
    const stats = { ...town, parent: { ...district, parent: { ...city, parent: null } } }
    expect(trailOfRegion([{ code: town.code, name: '' }], stats)).toEqual([city, district, town])
  })

  it('starts at the top of the viewer’s scope: a district leader does not see the city', () => {
    const stats = { ...town, parent: { ...district, parent: null } }
    expect(trailOfRegion([city, district, town], stats)).toEqual([district, town])
  })

  it('is just the region at the top', () => {
    expect(trailOfRegion([{ code: city.code, name: '' }], { ...city, parent: null })).toEqual([city])
  })

  it('keeps the known trail above a chain that stops short', () => {
    const village = { code: '990102001001', name: '某村' }
    // three levels fetched; the town's parent was not asked for
    const stats = { ...village, parent: { ...town, parent: { ...district } } }
    expect(trailOfRegion([city, district, town], stats)).toEqual([city, district, town, village])
    expect(trailOfRegion([], stats)).toEqual([district, town, village])
  })

  it('takes the server’s names over the ones it had', () => {
    expect(trailOfRegion([{ code: city.code, name: '' }, { code: district.code, name: '' }], { ...district, parent: { ...city, parent: null } })).toEqual([city, district])
  })
})
