import { readFileSync } from 'node:fs';
import { launchChromium } from './support/browser.js';

const url = readFileSync('/tmp/geo-helper-start.log', 'utf8').match(/(http:\/\/\S+\/screen\/\?token=\S+)/)![1];
const out = '/tmp/geo-shots';
const browser = await launchChromium();
const logs: string[] = [];
for (const [w, h] of [[1920, 1080], [3840, 2160]] as const) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  page.on('console', (m) => logs.push(`${w}: ${m.type()} ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`${w}: pageerror ${e.message}`));
  await page.goto(url);
  const map = page.getByTestId('region-map');
  await page.waitForFunction(() => document.querySelector('[data-testid="region-map"]')?.getAttribute('data-codes'), null, { timeout: 15_000 });
  await page.waitForTimeout(1500);
  console.log(w, 'codes', await map.getAttribute('data-codes'), 'url', page.url());
  await page.screenshot({ path: `${out}/city-${w}x${h}.png` });
  await page.getByTestId('map-targets').locator('button[data-code="990102"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="region-map"]')?.getAttribute('data-codes')?.startsWith('990102'), null, { timeout: 15_000 });
  await page.waitForTimeout(1500);
  console.log(w, 'after drill', await map.getAttribute('data-codes'), page.url(), await page.getByTestId('breadcrumb').innerText());
  await page.screenshot({ path: `${out}/district-${w}x${h}.png` });
  await page.getByTestId('map-targets').locator('button[data-code="990102001"]').click();
  await page.waitForTimeout(1500);
  console.log(w, 'town', await map.getAttribute('data-codes'), page.url(), await page.getByTestId('breadcrumb').innerText());
  await page.screenshot({ path: `${out}/town-${w}x${h}.png` });
  await page.getByTestId('breadcrumb').locator('[data-code="990100"]').click();
  await page.waitForTimeout(1000);
  console.log(w, 'back', await map.getAttribute('data-codes'), page.url());
  await page.close();
}
// direct open of a town
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
await page.goto(url.replace('?', '?region=990171002&'));
await page.waitForTimeout(2500);
console.log('direct', page.url(), await page.getByTestId('breadcrumb').innerText(), await page.title());
await page.screenshot({ path: `${out}/direct-town-1920x1080.png` });
await browser.close();
console.log(logs.join('\n'));
