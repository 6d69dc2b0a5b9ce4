import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildDashboardIfStale, DASHBOARD_DIST } from '../scripts/build-dashboard.js';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { startTestSystem, type TestSystem } from './support/system.js';

describe.runIf(chromiumAvailable())('the big screen in headless Chromium', () => {
  let system: TestSystem;
  let browser: Browser;

  beforeAll(async () => {
    buildDashboardIfStale();
    system = await startTestSystem({ name: 'embedded', dispose: async () => {} }, { dashboardDir: DASHBOARD_DIST });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('shows the API’s numbers and follows a change made through the API', async () => {
    const hotline = await system.login('hotline');
    const screenToken = await system.login('screen');
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const base = system.gateway.url.replace(/\/graphql$/, '');
    await page.goto(`${base}/screen/?token=${screenToken}`);

    const overdue = page.getByTestId('overdue-complaints');
    const api = await system.query('{ region(code: "990100") { complaintStats { overdue open } } }', {}, hotline);
    const expected = api.data.region.complaintStats;
    await expect.poll(() => overdue.textContent(), { timeout: 10_000 }).toBe(String(expected.overdue));
    expect(await page.getByTestId('open-complaints').textContent()).toBe(String(expected.open));
    expect(await page.getByTestId('live-indicator').isVisible()).toBe(true);
    // The token is not left in the address bar.
    expect(page.url()).not.toContain('token=');

    const receivedAt = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const created = await system.query(
      'mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id } }',
      { input: { channel: 'HOTLINE_12345', category: 'ARBITRARY_CHARGES', title: '重复检查', content: '一月内检查四次', regionCode: '990104002', receivedAt } },
      hotline,
    );
    expect(created.errors).toBeUndefined();
    await expect.poll(() => overdue.textContent(), { timeout: 5_000 }).toBe(String(expected.overdue + 1));
    await page.screenshot({ path: 'test-results/screen-1920x1080.png' });
    await page.close();
  });

  it('drills from the city into a district and back through the breadcrumb', async () => {
    const screenToken = await system.login('screen');
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const base = system.gateway.url.replace(/\/graphql$/, '');
    await page.goto(`${base}/screen/?token=${screenToken}`);
    const map = page.getByTestId('region-map');
    await expect.poll(() => map.getAttribute('data-codes'), { timeout: 10_000 }).toBe('990102,990103,990104,990121,990171,990172');

    await page.getByTestId('map-targets').locator('button[data-code="990102"]').click();
    await expect.poll(() => map.getAttribute('data-codes'), { timeout: 10_000 }).toBe('990102001,990102002,990102003,990102004,990102005');
    const district = (await system.query('{ region(code: "990102") { complaintStats { overdue } } }', {}, screenToken)).data.region;
    await expect.poll(() => page.getByTestId('overdue-complaints').textContent()).toBe(String(district.complaintStats.overdue));
    expect(await page.getByTestId('breadcrumb').textContent()).toMatch(/江湾市.*临江区/);
    expect(new URL(page.url()).searchParams.get('region')).toBe('990102');
    await page.screenshot({ path: 'test-results/screen-district-1920x1080.png' });

    await page.getByTestId('breadcrumb').locator('[data-code="990100"]').click();
    await expect.poll(() => map.getAttribute('data-codes')).toBe('990102,990103,990104,990121,990171,990172');
    await page.close();
  });

  it('renders crisply at 3840×2160', async () => {
    const screenToken = await system.login('screen');
    const page = await browser.newPage({ viewport: { width: 3840, height: 2160 } });
    const base = system.gateway.url.replace(/\/graphql$/, '');
    await page.goto(`${base}/screen/?token=${screenToken}`);
    await expect.poll(() => page.getByTestId('region-map').getAttribute('data-codes'), { timeout: 10_000 }).toContain('990102');
    // Charts are canvases sized to their boxes at the device pixel ratio, not scaled bitmaps.
    const canvases = await page.locator('canvas').evaluateAll((nodes) =>
      nodes.map((n) => ({ width: (n as HTMLCanvasElement).width, box: n.getBoundingClientRect().width })),
    );
    expect(canvases.length).toBeGreaterThan(0);
    for (const canvas of canvases) expect(Math.abs(canvas.width - canvas.box)).toBeLessThanOrEqual(1);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: 'test-results/screen-3840x2160.png' });
    await page.close();
  });

  it('refuses a screen token for anything but reading', async () => {
    const screenToken = await system.login('screen');
    const attempt = await system.query(
      'mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id } }',
      { input: { channel: 'HOTLINE_12345', category: 'OTHER', title: 'x', content: 'x', regionCode: '990104002' } },
      screenToken,
    );
    expect(attempt.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
