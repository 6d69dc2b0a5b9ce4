/**
 * Loads a real region's boundaries for the big screen's map:
 * `tsx scripts/geo-import.ts <DataV GeoAtlas *_full.json> [--code <parentAdcode>]`.
 * The file is checked, then written to `dashboard/public/geo/<code>_full.json`; the screen shows it
 * after its next build (`npm start` rebuilds by itself when `dashboard/public` changed).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '@bizenv/common/config';

/** [lng, lat] */
export type Position = [number, number];
export type Ring = Position[];

export type GeoAtlasGeometry =
  | { type: 'Polygon'; coordinates: Ring[] }
  | { type: 'MultiPolygon'; coordinates: Ring[][] };

export interface GeoAtlasProperties {
  adcode: number;
  name: string;
  level?: 'country' | 'province' | 'city' | 'district' | 'street';
  parent?: { adcode: number };
  [key: string]: unknown;
}

export interface GeoAtlasFeature {
  type: 'Feature';
  properties: GeoAtlasProperties;
  geometry: GeoAtlasGeometry;
}

export interface GeoAtlasCollection {
  type: 'FeatureCollection';
  features: GeoAtlasFeature[];
}

export interface GeoAtlasCheck {
  /** Only the area features, in their original order. */
  collection: GeoAtlasCollection;
  /** The features' common `parent.adcode`, or null when they have none or disagree. */
  parentCode: string | null;
  /** zh-CN notes on skipped features. */
  warnings: string[];
}

/** A file that cannot be used; the message (zh-CN) names the first bad feature. */
export class GeoAtlasError extends Error {
  override name = 'GeoAtlasError';
}

export const GEO_DIR = resolve(REPO_ROOT, 'dashboard/public/geo');

/** Region codes become file names: digits only (GB/T 2260 six digits, towns nine, up to twelve). */
const REGION_CODE = /^\d{6,12}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describeFeature(index: number, feature: unknown): string {
  const properties = isObject(feature) && isObject(feature.properties) ? feature.properties : {};
  const name = typeof properties.name === 'string' && properties.name ? properties.name : '无名称';
  const adcode = properties.adcode === undefined ? '无 adcode' : `adcode ${String(properties.adcode)}`;
  return `第 ${index + 1} 个要素（${name}，${adcode}）`;
}

/** Why `ring` is not a GeoJSON linear ring of valid [lng, lat] positions, or null. */
function ringProblem(ring: unknown): string | null {
  if (!Array.isArray(ring)) return '环不是坐标数组';
  if (ring.length < 4) return `环只有 ${ring.length} 个点（至少 4 个，首尾相同）`;
  for (const position of ring) {
    if (!Array.isArray(position) || position.length < 2) return `坐标点格式错误：${JSON.stringify(position)}`;
    const [lng, lat] = position;
    if (typeof lng !== 'number' || typeof lat !== 'number' || !Number.isFinite(lng) || !Number.isFinite(lat)) {
      return `坐标不是有限数值：${JSON.stringify(position)}`;
    }
    if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
      return `坐标超出经纬度范围（经度 −180～180，纬度 −90～90）：${JSON.stringify(position)}`;
    }
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) return '环未闭合（首尾坐标不同）';
  return null;
}

function polygonProblem(rings: unknown): string | null {
  if (!Array.isArray(rings) || rings.length === 0) return '面没有任何环';
  for (const ring of rings) {
    const problem = ringProblem(ring);
    if (problem) return problem;
  }
  return null;
}

function geometryProblem(geometry: { type: string; coordinates?: unknown }): string | null {
  if (geometry.type === 'Polygon') return polygonProblem(geometry.coordinates);
  if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) return '多面没有任何面';
  for (const polygon of geometry.coordinates) {
    const problem = polygonProblem(polygon);
    if (problem) return problem;
  }
  return null;
}

/**
 * Checks a DataV GeoAtlas `*_full.json` file (GeoJSON FeatureCollection, coordinates [lng, lat]).
 * Features that are not areas (the 南海诸岛 boundary line `100000_JD`, points) are skipped with a
 * warning; anything else wrong throws a GeoAtlasError naming the first bad feature.
 */
export function validateGeoAtlas(input: unknown): GeoAtlasCheck {
  if (!isObject(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    throw new GeoAtlasError('不是 GeoJSON FeatureCollection（需要 type 为 "FeatureCollection" 且含 features 数组）');
  }
  if (input.UTF8Encoding) {
    throw new GeoAtlasError('不支持 UTF8Encoding 压缩格式，请从 DataV GeoAtlas 下载未压缩的 GeoJSON');
  }
  const features: GeoAtlasFeature[] = [];
  const warnings: string[] = [];
  const seen = new Map<number, number>();
  input.features.forEach((feature: unknown, index: number) => {
    const label = describeFeature(index, feature);
    if (!isObject(feature) || feature.type !== 'Feature') throw new GeoAtlasError(`${label}：不是 GeoJSON Feature`);
    const geometry = feature.geometry;
    if (!isObject(geometry) || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
      const type = isObject(geometry) ? String(geometry.type) : '无几何';
      warnings.push(`${label}：几何类型为 ${type}，不是面（Polygon/MultiPolygon），已跳过`);
      return;
    }
    const properties = feature.properties;
    if (!isObject(properties)) throw new GeoAtlasError(`${label}：缺少 properties`);
    const { adcode, name } = properties;
    if (typeof adcode !== 'number' || !Number.isSafeInteger(adcode) || adcode <= 0) {
      throw new GeoAtlasError(`${label}：adcode 必须是正整数（行政区划代码），实际为 ${JSON.stringify(adcode)}`);
    }
    if (typeof name !== 'string' || !name.trim()) throw new GeoAtlasError(`${label}：缺少名称 name`);
    const problem = geometryProblem(geometry as { type: string; coordinates?: unknown });
    if (problem) throw new GeoAtlasError(`${label}：${problem}`);
    const earlier = seen.get(adcode);
    if (earlier !== undefined) throw new GeoAtlasError(`${label}：adcode 与第 ${earlier + 1} 个要素重复`);
    seen.set(adcode, index);
    features.push(feature as unknown as GeoAtlasFeature);
  });
  if (features.length === 0) throw new GeoAtlasError('文件中没有任何面要素（Polygon/MultiPolygon）');
  return { collection: { type: 'FeatureCollection', features }, parentCode: commonParent(features), warnings };
}

function commonParent(features: GeoAtlasFeature[]): string | null {
  const parents = new Set(features.map((f) => (isObject(f.properties.parent) ? f.properties.parent.adcode : undefined)));
  const [only] = parents;
  return parents.size === 1 && typeof only === 'number' && Number.isSafeInteger(only) ? String(only) : null;
}

/** The code the file is stored under: `--code` when given, else the features' common parent. */
export function targetCode(check: GeoAtlasCheck, codeOption?: string): string {
  const code = codeOption?.trim() || check.parentCode;
  if (!code) {
    throw new GeoAtlasError('无法确定上级区划代码：各要素的 parent.adcode 缺失或不一致，请用 --code <上级代码> 指定');
  }
  if (!REGION_CODE.test(code)) throw new GeoAtlasError(`区划代码 ${code} 无效：应为 6～12 位数字`);
  return code;
}

/** One feature a line: compact like DataV's files, yet a change shows as a readable diff. */
export function serializeGeoAtlas(collection: GeoAtlasCollection): string {
  const lines = collection.features.map((feature) => JSON.stringify(feature));
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

export function geoFilePath(code: string): string {
  if (!REGION_CODE.test(code)) throw new GeoAtlasError(`区划代码 ${code} 无效：应为 6～12 位数字`);
  return resolve(GEO_DIR, `${code}_full.json`);
}

export function writeGeoFile(code: string, collection: GeoAtlasCollection): string {
  const path = geoFilePath(code);
  mkdirSync(GEO_DIR, { recursive: true });
  writeFileSync(path, serializeGeoAtlas(collection));
  return path;
}

function parseArgs(argv: string[]): { file: string; code?: string } {
  let file: string | undefined;
  let code: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--code') code = argv[++i];
    else if (arg.startsWith('--code=')) code = arg.slice('--code='.length);
    else if (!file && !arg.startsWith('--')) file = arg;
    else throw new GeoAtlasError(`无法识别的参数：${arg}`);
  }
  if (!file) throw new GeoAtlasError('用法：geo-import <DataV GeoAtlas 文件.json> [--code <上级区划代码>]');
  if (code === undefined && argv.includes('--code')) throw new GeoAtlasError('--code 后缺少区划代码');
  return { file, code };
}

function main(argv: string[]): void {
  const { file, code } = parseArgs(argv);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new GeoAtlasError(`无法读取文件：${file}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new GeoAtlasError(`不是合法的 JSON：${(error as Error).message}`);
  }
  const check = validateGeoAtlas(data);
  for (const warning of check.warnings) console.warn(`警告：${warning}`);
  const target = targetCode(check, code);
  const path = writeGeoFile(target, check.collection);
  console.log(`已写入 ${relative(REPO_ROOT, path)}（${check.collection.features.length} 个区域）。`);
  console.log('各要素的 adcode 须与系统中的区划代码一致，地图才能着色和下钻；重新构建大屏后生效。');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof GeoAtlasError)) throw error;
    console.error(`导入失败：${error.message}`);
    process.exit(1);
  }
}
