/**
 * Boundaries of the fictional demo city 江湾市 for the big screen's map, in DataV GeoAtlas format:
 * `tsx scripts/geo-demo.ts` writes `dashboard/public/geo/<parent>_full.json` (the city's six
 * districts/parks, and each one's towns); `--check` only compares them with the committed files.
 * The shapes are made up: a seeded blob split by Voronoi cells, so they imply no real boundary.
 * The output is deterministic; the same code always writes the same bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '@bizenv/common/config';
import { DEMO_CITY_CODE, DEMO_REGIONS, type DemoRegion } from '@bizenv/common/demo-city';
import {
  geoFilePath,
  serializeGeoAtlas,
  writeGeoFile,
  type GeoAtlasCollection,
  type GeoAtlasFeature,
  type GeoAtlasGeometry,
  type Position,
  type Ring,
} from './geo-import.js';

/** Planar kilometres east/north of the city's centre; all geometry is done in this frame. */
type Point = [number, number];
/** An open ring (no repeated closing point), counter-clockwise. */
type Loop = Point[];
/** The kept side of a line: a·x + b·y ≤ c. */
interface HalfPlane {
  a: number;
  b: number;
  c: number;
}

// A made-up spot; with codes under the unused province prefix 99 nothing real is implied.
const ORIGIN: Position = [118.0, 30.0];
const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LNG = 111.32 * Math.cos((ORIGIN[1] * Math.PI) / 180);

/** Shares of the city's area, and where each district's seat roughly is (km from the centre). */
const DISTRICT_LAYOUT: Record<string, { share: number; seat: Point }> = {
  '990102': { share: 0.08, seat: [6, 3] }, // 临江区, the old town on the river
  '990103': { share: 0.11, seat: [-2, -16] }, // 城南区
  '990104': { share: 0.1, seat: [-12, 8] }, // 新湖区
  '990121': { share: 0.38, seat: [-34, -6] }, // 青山县, the hills in the west
  '990171': { share: 0.14, seat: [8, 30] }, // 高新区, north
  '990172': { share: 0.19, seat: [34, -8] }, // 临港经济开发区, the east coast
};

// ---- deterministic randomness -------------------------------------------------------------

function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: small, fast, and the same sequence on every platform. */
function random(seedText: string): () => number {
  let state = hashSeed(seedText);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- planar geometry ----------------------------------------------------------------------

function loopArea(loop: Loop): number {
  let sum = 0;
  for (let i = 0, j = loop.length - 1; i < loop.length; j = i++) sum += loop[j][0] * loop[i][1] - loop[i][0] * loop[j][1];
  return sum / 2;
}

function loopsArea(loops: Loop[]): number {
  return loops.reduce((sum, loop) => sum + loopArea(loop), 0);
}

function loopsCentroid(loops: Loop[]): Point {
  let cx = 0;
  let cy = 0;
  let area = 0;
  for (const loop of loops) {
    for (let i = 0, j = loop.length - 1; i < loop.length; j = i++) {
      const cross = loop[j][0] * loop[i][1] - loop[i][0] * loop[j][1];
      cx += (loop[j][0] + loop[i][0]) * cross;
      cy += (loop[j][1] + loop[i][1]) * cross;
      area += cross;
    }
  }
  return [cx / (3 * area), cy / (3 * area)];
}

function insideLoop([x, y]: Point, loop: Loop): boolean {
  let inside = false;
  for (let i = 0, j = loop.length - 1; i < loop.length; j = i++) {
    const [xi, yi] = loop[i];
    const [xj, yj] = loop[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const insideLoops = (point: Point, loops: Loop[]) => loops.some((loop) => insideLoop(point, loop));

/** Where segment P→Q meets the line; computed from the lower endpoint so that both cells agree. */
function crossing(p: Point, dp: number, q: Point, dq: number): Point {
  if (p[0] > q[0] || (p[0] === q[0] && p[1] > q[1])) [p, dp, q, dq] = [q, dq, p, dp];
  const t = dp / (dp - dq);
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

interface Node {
  point: Point;
  crossing?: 'entry' | 'exit';
}

/**
 * The part of a simple polygon on the kept side of a line. A non-convex polygon can fall apart
 * into several pieces: the inside chains are joined along the line, each exit to the next entry
 * in the line's direction (for a counter-clockwise loop, with the kept side on the left).
 */
function clipLoop(loop: Loop, h: HalfPlane): Loop[] {
  const d = loop.map(([x, y]) => h.a * x + h.b * y - h.c);
  const inside = d.map((v) => v <= 0);
  if (inside.every(Boolean)) return [loop];
  if (!inside.some(Boolean)) return [];

  const nodes: Node[] = [];
  for (let i = 0; i < loop.length; i++) {
    const j = (i + 1) % loop.length;
    if (inside[i]) nodes.push({ point: loop[i] });
    if (inside[i] !== inside[j]) {
      nodes.push({ point: crossing(loop[i], d[i], loop[j], d[j]), crossing: inside[i] ? 'exit' : 'entry' });
    }
  }
  const start = nodes.findIndex((n) => n.crossing === 'entry');
  const chains: Node[][] = [];
  let chain: Node[] = [];
  for (const node of [...nodes.slice(start), ...nodes.slice(0, start)]) {
    chain.push(node);
    if (node.crossing === 'exit') {
      chains.push(chain);
      chain = [];
    }
  }

  const along = ([x, y]: Point) => -h.b * x + h.a * y;
  const crossings = chains.flatMap((c) => [c[0], c[c.length - 1]]).sort((m, n) => along(m.point) - along(n.point));
  const chainOfEntry = new Map(chains.map((c, index) => [c[0], index] as const));
  const nextChain = chains.map((c) => {
    const partner = crossings[crossings.indexOf(c[c.length - 1]) + 1];
    const index = partner && chainOfEntry.get(partner);
    if (index === undefined) throw new Error('polygon clipping: unpaired crossing (degenerate input)');
    return index;
  });

  const pieces: Loop[] = [];
  const done = new Set<number>();
  for (let first = 0; first < chains.length; first++) {
    if (done.has(first)) continue;
    const piece: Loop = [];
    let k = first;
    do {
      if (done.has(k)) throw new Error('polygon clipping: chains do not close (degenerate input)');
      done.add(k);
      piece.push(...chains[k].map((n) => n.point));
      k = nextChain[k];
    } while (k !== first);
    pieces.push(piece);
  }
  return pieces;
}

/** Slivers left by rounding noise where a line passes through a vertex. */
const MIN_PIECE_KM2 = 1e-6;

function clipLoops(loops: Loop[], h: HalfPlane): Loop[] {
  return loops.flatMap((loop) => clipLoop(loop, h)).filter((loop) => loopArea(loop) > MIN_PIECE_KM2);
}

/**
 * Power-diagram cells of `seeds` within `parent` (with all weights 0: Voronoi cells). Each cell
 * is the parent clipped by the half-planes towards every other seed, so the cells tile the
 * parent exactly: no gaps, no overlaps. The two sides of a border use the very same line.
 */
function cells(parent: Loop[], seeds: Point[], weights: number[]): Loop[][] {
  const norm = seeds.map(([x, y]) => x * x + y * y);
  return seeds.map((si, i) => {
    let loops = parent;
    seeds.forEach((sj, j) => {
      if (j === i) return;
      // written so that the line seen from j is the exact negation of the one seen from i
      loops = clipLoops(loops, { a: 2 * (sj[0] - si[0]), b: 2 * (sj[1] - si[1]), c: norm[j] - norm[i] + (weights[i] - weights[j]) });
    });
    return loops;
  });
}

// ---- the demo city ------------------------------------------------------------------------

/** An irregular blob about 120 km across: a circle with a few seeded harmonics and some noise. */
function cityOutline(): Loop {
  const rnd = random(`outline:${DEMO_CITY_CODE}`);
  const harmonics = [
    [2, 0.11],
    [3, 0.07],
    [5, 0.035],
    [8, 0.02],
    [13, 0.01],
  ].map(([k, amplitude]) => ({ k, amplitude, phase: rnd() * 2 * Math.PI }));
  const vertices = 120;
  const loop: Loop = [];
  for (let i = 0; i < vertices; i++) {
    const theta = (2 * Math.PI * i) / vertices;
    const wave = harmonics.reduce((sum, h) => sum + h.amplitude * Math.sin(h.k * theta + h.phase), 0);
    const r = 60 * (1 + wave) * (1 + (rnd() - 0.5) * 0.025);
    loop.push([r * Math.cos(theta), r * Math.sin(theta)]);
  }
  return loop;
}

/** Districts: power cells whose weights are tuned until each has roughly its share of the area. */
function splitCity(outline: Loop, codes: string[]): Loop[][] {
  const rnd = random(`districts:${DEMO_CITY_CODE}`);
  const total = loopArea(outline);
  const seeds = codes.map((code): Point => {
    const [x, y] = DISTRICT_LAYOUT[code]?.seat ?? [0, 0];
    return [x + (rnd() - 0.5) * 6, y + (rnd() - 0.5) * 6];
  });
  const weights = codes.map(() => 0);
  let result = cells([outline], seeds, weights);
  for (let round = 0; round < 120; round++) {
    result.forEach((loops, i) => {
      const area = loopsArea(loops);
      const target = (DISTRICT_LAYOUT[codes[i]]?.share ?? 1 / codes.length) * total;
      weights[i] += 0.6 * (target - area);
      // pull the seed part of the way to its cell's centre: rounder, more plausible districts
      if (round < 60 && area > 0) {
        const [cx, cy] = loopsCentroid(loops);
        seeds[i] = [seeds[i][0] + 0.3 * (cx - seeds[i][0]), seeds[i][1] + 0.3 * (cy - seeds[i][1])];
      }
    });
    result = cells([outline], seeds, weights);
  }
  return result;
}

/** Towns: well-spread random seeds (best of several candidates), two rounds of Lloyd relaxation. */
function splitDistrict(code: string, parent: Loop[], count: number): Loop[][] {
  const rnd = random(`towns:${code}`);
  const xs = parent.flatMap((loop) => loop.map((p) => p[0]));
  const ys = parent.flatMap((loop) => loop.map((p) => p[1]));
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const seeds: Point[] = [];
  while (seeds.length < count) {
    let best: Point | undefined;
    let bestDistance = -1;
    for (let candidates = 0, tries = 0; candidates < 24; tries++) {
      if (tries > 10_000) throw new Error(`no room for the towns of ${code}`);
      const point: Point = [minX + rnd() * (maxX - minX), minY + rnd() * (maxY - minY)];
      if (!insideLoops(point, parent)) continue;
      candidates++;
      const distance = Math.min(Infinity, ...seeds.map((s) => Math.hypot(s[0] - point[0], s[1] - point[1])));
      if (distance > bestDistance) {
        best = point;
        bestDistance = distance;
      }
    }
    seeds.push(best as Point);
  }
  const zero = seeds.map(() => 0);
  let result = cells(parent, seeds, zero);
  for (let round = 0; round < 2; round++) {
    result.forEach((loops, i) => {
      if (loopsArea(loops) > 0) seeds[i] = loopsCentroid(loops);
    });
    result = cells(parent, seeds, zero);
  }
  return result;
}

// ---- output -------------------------------------------------------------------------------

const round5 = (value: number) => Math.round(value * 1e5) / 1e5;
const toLngLat = ([x, y]: Point): Position => [round5(ORIGIN[0] + x / KM_PER_DEG_LNG), round5(ORIGIN[1] + y / KM_PER_DEG_LAT)];
const toKm = ([lng, lat]: Position): Point => [(lng - ORIGIN[0]) * KM_PER_DEG_LNG, (lat - ORIGIN[1]) * KM_PER_DEG_LAT];

/** Rounded to 5 decimals (about 1 m), repeated points dropped, closed as GeoJSON wants. */
function toRing(loop: Loop): Ring | null {
  const ring: Ring = [];
  for (const point of loop.map(toLngLat)) {
    const last = ring[ring.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) ring.push(point);
  }
  while (ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]) ring.pop();
  if (ring.length < 3) return null;
  return [...ring, ring[0]];
}

function toGeometry(loops: Loop[]): GeoAtlasGeometry {
  const rings = loops.map(toRing).filter((ring): ring is Ring => ring !== null);
  if (rings.length === 0) throw new Error('a demo region came out empty');
  return rings.length === 1 ? { type: 'Polygon', coordinates: rings } : { type: 'MultiPolygon', coordinates: rings.map((ring) => [ring]) };
}

/** The rounded geometry back in km: children are cut from exactly what the parent's file holds. */
function geometryLoops(geometry: GeoAtlasGeometry): Loop[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((polygon) => polygon[0].slice(0, -1).map(toKm));
}

function feature(region: DemoRegion, loops: Loop[], seat: Point, index: number, childrenNum: number): GeoAtlasFeature {
  const centroid = loopsCentroid(loops);
  return {
    type: 'Feature',
    properties: {
      adcode: Number(region.code),
      name: region.name,
      // DataV's `center` is the seat of government, `centroid` the geometric centre
      center: toLngLat(insideLoops(seat, loops) ? seat : centroid),
      centroid: toLngLat(centroid),
      childrenNum,
      level: region.level === 'TOWN' ? 'street' : 'district',
      parent: { adcode: Number(region.parentCode) },
      subFeatureIndex: index,
    },
    geometry: toGeometry(loops),
  };
}

export interface DemoGeo {
  /** The city's outline as written coordinates ([lng, lat], rounded, closed). */
  outline: Ring;
  /** File contents by parent code: the city's, then each district's. */
  files: Map<string, GeoAtlasCollection>;
}

const childrenOf = (code: string) => DEMO_REGIONS.filter((r) => r.parentCode === code);

export function generateDemoGeo(): DemoGeo {
  const outlineRing = toRing(cityOutline());
  if (!outlineRing) throw new Error('empty city outline');
  const outline = outlineRing.slice(0, -1).map(toKm);
  const districts = childrenOf(DEMO_CITY_CODE);
  const districtLoops = splitCity(outline, districts.map((d) => d.code));
  const cityFile: GeoAtlasCollection = {
    type: 'FeatureCollection',
    features: districts.map((district, i) =>
      feature(district, districtLoops[i], DISTRICT_LAYOUT[district.code]?.seat ?? [0, 0], i, childrenOf(district.code).length),
    ),
  };
  const files = new Map<string, GeoAtlasCollection>([[DEMO_CITY_CODE, cityFile]]);
  cityFile.features.forEach((districtFeature, d) => {
    const district = districts[d];
    const towns = childrenOf(district.code);
    const parent = geometryLoops(districtFeature.geometry);
    const townLoops = splitDistrict(district.code, parent, towns.length);
    files.set(district.code, {
      type: 'FeatureCollection',
      features: towns.map((town, i) => feature(town, townLoops[i], loopsCentroid(townLoops[i]), i, 0)),
    });
  });
  return { outline: outlineRing, files };
}

function main(argv: string[]): void {
  const check = argv.includes('--check');
  const { files } = generateDemoGeo();
  const stale: string[] = [];
  for (const [code, collection] of files) {
    const path = geoFilePath(code);
    if (check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== serializeGeoAtlas(collection)) stale.push(relative(REPO_ROOT, path));
    } else {
      writeGeoFile(code, collection);
    }
  }
  if (check && stale.length > 0) {
    console.error(`演示边界文件与生成结果不一致，请运行 geo:demo 重新生成：\n  ${stale.join('\n  ')}`);
    process.exit(1);
  }
  const directory = relative(REPO_ROOT, resolve(geoFilePath(DEMO_CITY_CODE), '..'));
  console.log(check ? `演示边界文件与生成结果一致（${files.size} 个）。` : `已生成 ${files.size} 个演示边界文件：${directory}/`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv.slice(2));
