import { describe, expect, it } from 'vitest';
import { GeoAtlasError, serializeGeoAtlas, targetCode, validateGeoAtlas } from './geo-import.js';

const square = (x: number, y: number) => [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]];

/** Shaped like a DataV GeoAtlas `*_full.json`, ending with the 南海诸岛 boundary line. */
function dataVFile() {
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { adcode: 990102, name: '临江区', center: [118.05, 30.05], level: 'district', parent: { adcode: 990100 }, subFeatureIndex: 0 },
        geometry: { type: 'Polygon', coordinates: square(118, 30) },
      },
      {
        type: 'Feature',
        properties: { adcode: 990103, name: '城南区', level: 'district', parent: { adcode: 990100 }, subFeatureIndex: 1 },
        geometry: { type: 'MultiPolygon', coordinates: [square(118.1, 30), square(118.3, 30)] },
      },
      {
        type: 'Feature',
        properties: { adcode: '100000_JD', name: '', adchar: 'JD' },
        geometry: { type: 'MultiLineString', coordinates: [[[122.5, 23.5], [122.6, 23.4]]] },
      },
    ],
  };
}

function errorOf(input: unknown): string {
  try {
    validateGeoAtlas(input);
  } catch (error) {
    expect(error).toBeInstanceOf(GeoAtlasError);
    return (error as Error).message;
  }
  throw new Error('expected a GeoAtlasError');
}

describe('validateGeoAtlas', () => {
  it('accepts a DataV file, keeps its areas and skips the boundary line with a warning', () => {
    const check = validateGeoAtlas(dataVFile());
    expect(check.collection.features.map((f) => f.properties.adcode)).toEqual([990102, 990103]);
    expect(check.parentCode).toBe('990100');
    expect(check.warnings).toHaveLength(1);
    expect(check.warnings[0]).toContain('第 3 个要素');
    expect(check.warnings[0]).toContain('MultiLineString');
    expect(targetCode(check)).toBe('990100');
    expect(targetCode(check, '990199')).toBe('990199');
    // the written file reads back the same
    expect(validateGeoAtlas(JSON.parse(serializeGeoAtlas(check.collection))).collection).toEqual(check.collection);
  });

  it('refuses a feature whose adcode is not a number, naming it', () => {
    const file = dataVFile();
    (file.features[1].properties as Record<string, unknown>).adcode = '990103';
    expect(errorOf(file)).toMatch(/^第 2 个要素（城南区，adcode 990103）：adcode 必须是正整数/);
  });

  it('refuses coordinates out of range or not finite, naming the first bad feature', () => {
    const file = dataVFile();
    file.features[0].geometry.coordinates = [[[118, 30], [218, 30], [118.1, 30.1], [118, 30]]];
    file.features[1].geometry.coordinates = [[[[118, 30], [Number.NaN, 30], [118.1, 30.1], [118, 30]]]];
    expect(errorOf(file)).toMatch(/^第 1 个要素（临江区，adcode 990102）：坐标超出经纬度范围.*\[218,30\]/);
    file.features[0].geometry.coordinates = square(118, 30);
    expect(errorOf(file)).toMatch(/^第 2 个要素（城南区，adcode 990103）：坐标不是有限数值/);
  });

  it('refuses something that is not a FeatureCollection, a feature without a name, an open ring', () => {
    expect(errorOf({ type: 'Feature', features: [] })).toContain('不是 GeoJSON FeatureCollection');
    expect(errorOf([])).toContain('不是 GeoJSON FeatureCollection');

    const unnamed = dataVFile();
    unnamed.features[0].properties.name = ' ';
    expect(errorOf(unnamed)).toMatch(/^第 1 个要素.*：缺少名称 name/);

    const open = dataVFile();
    open.features[1].geometry.coordinates = [[[[118, 30], [118.1, 30], [118.1, 30.1], [118, 30.1]]]];
    expect(errorOf(open)).toMatch(/^第 2 个要素（城南区，adcode 990103）：环未闭合/);
  });

  it('refuses duplicate adcodes and files with no area at all', () => {
    const twice = dataVFile();
    twice.features[1].properties.adcode = 990102;
    expect(errorOf(twice)).toContain('第 2 个要素（城南区，adcode 990102）：adcode 与第 1 个要素重复');

    const linesOnly = dataVFile();
    linesOnly.features = linesOnly.features.slice(2);
    expect(errorOf(linesOnly)).toContain('没有任何面要素');
  });

  it('needs --code when the features disagree on their parent, and accepts only digits', () => {
    const file = dataVFile();
    file.features[1].properties.parent = { adcode: 990200 };
    const check = validateGeoAtlas(file);
    expect(check.parentCode).toBeNull();
    expect(() => targetCode(check)).toThrow(/请用 --code/);
    expect(targetCode(check, '990100')).toBe('990100');
    expect(() => targetCode(check, '../../etc')).toThrow(/无效/);
  });
});
