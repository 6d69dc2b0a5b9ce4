import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_CITY_CODE, DEMO_REGIONS } from '@bizenv/common/demo-city';
import { generateDemoGeo } from './geo-demo.js';
import { geoFilePath, serializeGeoAtlas, validateGeoAtlas, type GeoAtlasFeature, type Ring } from './geo-import.js';

const demo = generateDemoGeo();
const parents = DEMO_REGIONS.filter((r) => DEMO_REGIONS.some((c) => c.parentCode === r.code));

function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return sum / 2;
}

const polygonsOf = (f: GeoAtlasFeature) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates);
/** Planar area in degrees²: lng/lat is an affine image of the km frame, so ratios are exact. */
const featureArea = (f: GeoAtlasFeature) => polygonsOf(f).reduce((sum, rings) => sum + ringArea(rings[0]) - rings.slice(1).reduce((h, r) => h + Math.abs(ringArea(r)), 0), 0);

function inside([x, y]: [number, number], ring: Ring): boolean {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}
const featureContains = (f: GeoAtlasFeature, p: [number, number]) => polygonsOf(f).some((rings) => inside(p, rings[0]));

/** The parent's own shape: the city outline, or the district's feature in the city's file. */
function parentShape(code: string): { area: number; contains: (p: [number, number]) => boolean; rings: Ring[] } {
  if (code === DEMO_CITY_CODE) return { area: ringArea(demo.outline), contains: (p) => inside(p, demo.outline), rings: [demo.outline] };
  const feature = demo.files.get(DEMO_CITY_CODE)!.features.find((f) => String(f.properties.adcode) === code)!;
  return { area: featureArea(feature), contains: (p) => featureContains(feature, p), rings: polygonsOf(feature).map((r) => r[0]) };
}

describe('demo boundaries (scripts/geo-demo.ts)', () => {
  it('writes one file per parent region, each a valid DataV GeoAtlas file', () => {
    expect([...demo.files.keys()].sort()).toEqual(parents.map((p) => p.code).sort());
    for (const [code, collection] of demo.files) {
      const check = validateGeoAtlas(JSON.parse(serializeGeoAtlas(collection)));
      expect(check.warnings).toEqual([]);
      expect(check.parentCode).toBe(code);
    }
  });

  it('has every child region of DEMO_REGIONS exactly once in its parent’s file, with its name and level', () => {
    for (const parent of parents) {
      const features = demo.files.get(parent.code)!.features;
      const children = DEMO_REGIONS.filter((r) => r.parentCode === parent.code);
      expect(features.map((f) => String(f.properties.adcode)).sort()).toEqual(children.map((c) => c.code).sort());
      for (const child of children) {
        const matching = features.filter((f) => String(f.properties.adcode) === child.code);
        expect(matching).toHaveLength(1);
        expect(matching[0].properties.name).toBe(child.name);
        expect(matching[0].properties.level).toBe(child.level === 'TOWN' ? 'street' : 'district');
        expect(matching[0].properties.parent).toEqual({ adcode: Number(parent.code) });
      }
    }
  });

  it('tiles each parent: the children’s areas add up to the parent’s within 0.1 %', () => {
    for (const parent of parents) {
      const sum = demo.files.get(parent.code)!.features.reduce((total, f) => total + featureArea(f), 0);
      const { area } = parentShape(parent.code);
      expect(area).toBeGreaterThan(0);
      expect(Math.abs(sum - area) / area).toBeLessThan(0.001);
    }
  });

  it('has no gaps or overlaps: sample points inside a parent lie in exactly one child', () => {
    for (const parent of parents) {
      const shape = parentShape(parent.code);
      const features = demo.files.get(parent.code)!.features;
      const points = shape.rings.flat();
      const [minX, maxX] = [Math.min(...points.map((p) => p[0])), Math.max(...points.map((p) => p[0]))];
      const [minY, maxY] = [Math.min(...points.map((p) => p[1])), Math.max(...points.map((p) => p[1]))];
      let sampled = 0;
      for (let i = 0.5; i < 40; i++) {
        for (let j = 0.5; j < 40; j++) {
          const p: [number, number] = [minX + ((maxX - minX) * i) / 40, minY + ((maxY - minY) * j) / 40];
          if (!shape.contains(p)) continue;
          sampled++;
          expect(features.filter((f) => featureContains(f, p)).length, `${parent.code} at ${p}`).toBe(1);
        }
      }
      expect(sampled).toBeGreaterThan(500);
    }
  });

  it('is about 120 km across and rounds coordinates to 5 decimals', () => {
    const lngs = demo.outline.map((p) => p[0]);
    const lats = demo.outline.map((p) => p[1]);
    const widthKm = (Math.max(...lngs) - Math.min(...lngs)) * 111.32 * Math.cos((30 * Math.PI) / 180);
    const heightKm = (Math.max(...lats) - Math.min(...lats)) * 110.574;
    for (const km of [widthKm, heightKm]) {
      expect(km).toBeGreaterThan(100);
      expect(km).toBeLessThan(140);
    }
    for (const collection of demo.files.values()) {
      for (const f of collection.features) {
        for (const rings of polygonsOf(f)) {
          for (const [lng, lat] of rings.flat()) {
            expect(Math.round(lng * 1e5) / 1e5).toBe(lng);
            expect(Math.round(lat * 1e5) / 1e5).toBe(lat);
          }
        }
      }
    }
  });

  it('is deterministic: two runs give identical bytes, and the committed files are up to date', () => {
    const again = generateDemoGeo();
    expect([...again.files.keys()]).toEqual([...demo.files.keys()]);
    for (const [code, collection] of demo.files) {
      const text = serializeGeoAtlas(collection);
      expect(serializeGeoAtlas(again.files.get(code)!)).toBe(text);
      expect(readFileSync(geoFilePath(code), 'utf8'), `${code}_full.json is stale: run geo:demo`).toBe(text);
    }
  });
});
