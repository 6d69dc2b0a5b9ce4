import { generateDemoGeo } from '../scripts/geo-demo.js';
import { launchChromium } from './support/browser.js';
const g = generateDemoGeo();
const [x0, x1, y0, y1] = [117.25, 118.67, 29.46, 30.62];
const W = 1000, k = W / (x1 - x0), H = (y1 - y0) * k / 0.866;
const pt = ([x, y]: number[]) => `${((x - x0) * k).toFixed(1)},${((y1 - y) * k / 0.866).toFixed(1)}`;
const colors = ['#e6194b','#3cb44b','#ffe119','#4363d8','#f58231','#911eb4','#46f0f0','#f032e6'];
let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H.toFixed(0)}" style="background:#fff">`;
for (const [code, fc] of g.files) {
  if (code === '990100') continue;
  fc.features.forEach((f: any, i: number) => {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys) svg += `<polygon points="${p[0].map(pt).join(' ')}" fill="${colors[i % 8]}" fill-opacity="0.35" stroke="#666" stroke-width="0.6"/>`;
    const c = pt(f.properties.centroid).split(',');
    svg += `<text x="${c[0]}" y="${c[1]}" font-size="11" text-anchor="middle">${f.properties.name}</text>`;
  });
}
for (const f of g.files.get('990100')!.features as any[]) {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const p of polys) svg += `<polygon points="${p[0].map(pt).join(' ')}" fill="none" stroke="#000" stroke-width="2.5"/>`;
  const c = pt(f.properties.center).split(',');
  svg += `<text x="${c[0]}" y="${+c[1] - 14}" font-size="16" font-weight="bold" text-anchor="middle">${f.properties.name}</text>`;
}
svg += '</svg>';
const b = await launchChromium();
const page = await b.newPage({ viewport: { width: W, height: Math.ceil(H) } });
await page.setContent(`<body style="margin:0">${svg}</body>`);
await page.screenshot({ path: '/tmp/geo-shots/preview.png' });
await b.close();
