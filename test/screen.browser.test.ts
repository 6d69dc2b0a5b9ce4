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
