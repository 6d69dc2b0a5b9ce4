import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '@bizenv/common/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { buildDashboardIfStale, DASHBOARD_DIST } from '../scripts/build-dashboard.js';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { startTestSystem, type TestSystem } from './support/system.js';

/** Committed and shown in the README: the wall at 1920×1080 and at 4K, as this run drew it. */
const SCREENSHOTS = resolve(REPO_ROOT, 'test/screenshots');

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

  const RECEIVE = 'mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id } }';
  const complaint = (regionCode: string, title: string, receivedAt?: string) => ({
    input: { channel: 'HOTLINE_12345', category: 'BUCK_PASSING', title, content: '多次往返未办结', regionCode, ...(receivedAt ? { receivedAt } : {}) },
  });
  const FORTY_DAYS_AGO = () => new Date(Date.now() - 40 * 86_400_000).toISOString();
  const feedItems = (page: Page) => page.getByTestId('dispatch-feed').getByTestId('feed-item');
  const firstFeedItemId = (page: Page) => feedItems(page).first().getAttribute('data-item-id', { timeout: 1000 }).catch(() => null);
  const screenUrl = (token: string, search = '') => `${system.gateway.url.replace(/\/graphql$/, '')}/screen/?token=${token}${search}`;
  /** A page of the given size and pixel ratio, showing the screen once its map has its districts. */
  async function openScreen(token: string, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, ...options });
    const page = await context.newPage();
    // the page's own context goes with it (it may already be gone with the browser)
    page.on('close', () => void context.close().catch(() => {}));
    await page.goto(screenUrl(token));
    await expect.poll(() => page.getByTestId('region-map').getAttribute('data-codes'), { timeout: 10_000 }).toContain('990102');
    return page;
  }
  /** Charts drawn and their bars grown, the feed filled, no CSS animation running: the same picture each time. */
  async function screenshot(page: Page, name: string) {
    await expect.poll(() => feedItems(page).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(1500);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOTS, name), animations: 'disabled' });
  }
  /** Canvas pixels per CSS pixel of each chart: the device pixel ratio when drawn crisply. */
  const canvasRatios = (page: Page) =>
    page.locator('canvas').evaluateAll((nodes) => nodes.map((n) => (n as HTMLCanvasElement).width / n.getBoundingClientRect().width));
  /** Where 990102's area is drawn on the map, in page coordinates (region-map.vue's data-centres). */
  async function areaCentre(page: Page, code: string) {
    const chart = page.getByTestId('region-map-chart');
    await expect.poll(() => chart.getAttribute('data-centres'), { timeout: 10_000 }).toContain(`${code}:`);
    const centres = (await chart.getAttribute('data-centres'))!;
    const [x, y] = centres.split(';').find((c) => c.startsWith(`${code}:`))!.split(':')[1].split(',').map(Number);
    const box = (await chart.boundingBox())!;
    return { x: box.x + x, y: box.y + y };
  }
  const TOWNS_OF_990102 = '990102001,990102002,990102003,990102004,990102005';
  const shanghaiTime = (iso: string) =>
    new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

  it('shows the API’s numbers — headline counts and the map’s — and follows a change made through the API', async () => {
    const hotline = await system.login('hotline');
    const screenToken = await system.login('screen');
    const page = await openScreen(screenToken);

    const overdue = page.getByTestId('overdue-complaints');
    const api = await system.query(
      `{ region(code: "990100") {
          complaintStats { overdue dueSoon open } taskStats { overdue yellow } serviceStats { overdueDemands }
          unitComplaintRanking(order: WORST_FIRST, first: 5) { unit { name } }
          children { name complaintStats { overdue } taskStats { overdue } serviceStats { overdueDemands } } } }`,
      {},
      hotline,
    );
    const expected = api.data.region;
    await expect.poll(() => overdue.textContent(), { timeout: 10_000 }).toBe(String(expected.complaintStats.overdue));
    expect(await page.getByTestId('open-complaints').textContent()).toBe(String(expected.complaintStats.open));
    expect(await page.getByTestId('overdue-tasks').textContent()).toBe(String(expected.taskStats.overdue));
    expect(await page.getByTestId('overdue-demands').textContent()).toBe(String(expected.serviceStats.overdueDemands));
    expect(await page.getByTestId('due-soon-complaints').textContent()).toBe(String(expected.complaintStats.dueSoon));
    expect(await page.getByTestId('yellow-tasks').textContent()).toBe(String(expected.taskStats.yellow));
    // the units with the highest smoothed overdue rate, in the API's order
    const ranked = await page.getByTestId('ranking-row').locator('.unit').allTextContents();
    expect(ranked).toEqual(expected.unitComplaintRanking.map((r: { unit: { name: string } }) => r.unit.name));
    // every district on the map carries its overdue total, the same sum as the API's (read from the chart's description)
    const mapDescription = await page.getByTestId('region-map-chart').getAttribute('aria-label');
    for (const child of expected.children) {
      const total = child.complaintStats.overdue + child.taskStats.overdue + child.serviceStats.overdueDemands;
      expect(mapDescription).toContain(`${child.name}${total}件`);
    }
    // the change is counted from the server's figures at today's 00:00, though the screen opened just now
    const changeText = (delta: number) => `今日 ${delta === 0 ? '持平' : `${delta > 0 ? '▲' : '▼'}${Math.abs(delta)}`}`;
    const START = '{ region(code: "990100") { complaintsAtStartOfDay { at overdue open } demandsAtStartOfDay { overdue } tasksAtStartOfDay { red yellow } } }';
    const atStart = (await system.query(START, {}, hotline)).data.region;
    expect(Date.parse(atStart.complaintsAtStartOfDay.at)).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - Date.parse(atStart.complaintsAtStartOfDay.at)).toBeLessThan(86_400_000);
    await expect
      .poll(() => page.getByTestId('overdue-complaints-change').textContent())
      .toBe(changeText(expected.complaintStats.overdue - atStart.complaintsAtStartOfDay.overdue));
    expect(await page.getByTestId('open-complaints-change').textContent()).toBe(changeText(expected.complaintStats.open - atStart.complaintsAtStartOfDay.open));
    expect(await page.getByTestId('overdue-demands-change').textContent()).toBe(changeText(expected.serviceStats.overdueDemands - atStart.demandsAtStartOfDay.overdue));
    expect(await page.getByTestId('overdue-tasks-change').textContent()).toBe(changeText(expected.taskStats.overdue - atStart.tasksAtStartOfDay.red));
    expect(await page.getByTestId('yellow-tasks-change').textContent()).toBe(changeText(expected.taskStats.yellow - atStart.tasksAtStartOfDay.yellow));
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
    await expect.poll(() => overdue.textContent(), { timeout: 5_000 }).toBe(String(expected.complaintStats.overdue + 1));
    // received 40 days ago, entered today: it was overdue at 00:00 as the data now tells it, so the change from 00:00 stays
    expect(await page.getByTestId('overdue-complaints-change').textContent()).toBe(changeText(expected.complaintStats.overdue + 1 - atStart.complaintsAtStartOfDay.overdue - 1));
    await screenshot(page, 'screen-1920x1080.png');
    await page.close();
  });

  it('drills from the city into a district and back through the breadcrumb', async () => {
    const screenToken = await system.login('screen');
    const hotline = await system.login('hotline');
    const inside = (await system.query(RECEIVE, complaint('990102001', '临江区内的投诉'), hotline)).data.receiveComplaint;
    const outside = (await system.query(RECEIVE, complaint('990103001', '城南区的投诉'), hotline)).data.receiveComplaint;
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const base = system.gateway.url.replace(/\/graphql$/, '');
    await page.goto(`${base}/screen/?token=${screenToken}`);
    const map = page.getByTestId('region-map');
    await expect.poll(() => map.getAttribute('data-codes'), { timeout: 10_000 }).toBe('990102,990103,990104,990121,990171,990172');

    await page.getByTestId('map-targets').locator('button[data-code="990102"]').click();
    await expect.poll(() => map.getAttribute('data-codes'), { timeout: 10_000 }).toBe('990102001,990102002,990102003,990102004,990102005');
    const district = (await system.query('{ region(code: "990102") { complaintStats { overdue } } }', {}, hotline)).data.region;
    await expect.poll(() => page.getByTestId('overdue-complaints').textContent()).toBe(String(district.complaintStats.overdue));
    expect(await page.getByTestId('breadcrumb').textContent()).toMatch(/江湾市.*临江区/);
    expect(new URL(page.url()).searchParams.get('region')).toBe('990102');
    // the feed is the district's now: its own towns' events, named by town, nothing from next door
    const itemIds = () => feedItems(page).evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-item-id')));
    await expect.poll(itemIds, { timeout: 5_000 }).toContain(inside.id);
    expect(await itemIds()).not.toContain(outside.id);
    const regions = await feedItems(page).evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-region')));
    expect(regions.every((code) => code?.startsWith('990102'))).toBe(true);
    const town = (await system.query('{ region(code: "990102001") { name } }', {}, hotline)).data.region;
    expect(await feedItems(page).filter({ hasText: '临江区内的投诉' }).first().textContent()).toContain(town.name);
    // the charts' bars grow in over a moment after a region change
    await page.waitForTimeout(1000);
    await page.screenshot({ path: 'test-results/screen-district-1920x1080.png' });

    await page.getByTestId('breadcrumb').locator('[data-code="990100"]').click();
    await expect.poll(() => map.getAttribute('data-codes')).toBe('990102,990103,990104,990121,990171,990172');
    await expect.poll(itemIds, { timeout: 5_000 }).toContain(outside.id);
    await page.close();
  });

  for (const [width, height] of [[3840, 2160], [2560, 1080], [1920, 1200]]) {
    it(`fills a ${width}×${height} wall without scrollbars, draws crisply, and takes a pointer click where an area is drawn`, async () => {
      const screenToken = await system.login('screen');
      const page = await openScreen(screenToken, { viewport: { width, height } });
      // no CSS zoom or transform: every chart is a canvas sized to its box at the device pixel ratio
      const ratios = await canvasRatios(page);
      expect(ratios.length).toBeGreaterThan(0);
      for (const ratio of ratios) expect(ratio).toBeCloseTo(1, 2);
      expect(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight])).toEqual([width, height]);
      if (width === 3840) await screenshot(page, 'screen-3840x2160.png');

      // a real pointer on the drawn area, not the keyboard twin: lands on 临江区 at any scale
      const centre = await areaCentre(page, '990102');
      await page.mouse.click(centre.x, centre.y);
      await expect.poll(() => page.getByTestId('region-map').getAttribute('data-codes'), { timeout: 10_000 }).toBe(TOWNS_OF_990102);
      await page.close();
    });
  }

  it('draws its charts at the device pixel ratio, and again when the ratio changes', async () => {
    const screenToken = await system.login('screen');
    // a 4K wall driven at 200 % scaling: 1920×1080 CSS pixels on 3840×2160 device pixels
    const page = await openScreen(screenToken, { deviceScaleFactor: 2 });
    for (const ratio of await canvasRatios(page)) expect(ratio).toBeCloseTo(2, 2);
    // the window moves to a display at 100 % while the screen runs (headless Chromium re-evaluates
    // media queries on a re-layout, so the size changes by a pixel as a moved window's would)
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1920, height: 1079, deviceScaleFactor: 1, mobile: false });
    await expect.poll(async () => (await canvasRatios(page)).map((r) => Math.round(r * 100) / 100), { timeout: 5_000 }).toEqual([1, 1, 1, 1]);
    // and the re-created map still takes a pointer click where it draws an area
    const centre = await areaCentre(page, '990102');
    await page.mouse.click(centre.x, centre.y);
    await expect.poll(() => page.getByTestId('region-map').getAttribute('data-codes'), { timeout: 10_000 }).toBe(TOWNS_OF_990102);
    await page.close();
  });

  it('behaves as a kiosk: nothing to select, the pointer hides when idle, the display is kept awake', async () => {
    const screenToken = await system.login('screen');
    const page = await openScreen(screenToken);
    expect(await page.evaluate(() => getComputedStyle(document.body).userSelect)).toBe('none');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('hidden');
    const centre = await areaCentre(page, '990102');
    await page.mouse.move(centre.x, centre.y);
    const cursor = () => page.evaluate(({ x, y }) => getComputedStyle(document.elementFromPoint(x, y)!).cursor, centre);
    expect(await cursor()).not.toBe('none');
    await expect.poll(cursor, { timeout: 6_000 }).toBe('none');
    await page.mouse.move(centre.x + 5, centre.y + 5);
    expect(await cursor()).not.toBe('none');
    await expect.poll(() => page.getByTestId('screen').getAttribute('data-wake-lock'), { timeout: 5_000 }).toBe('held');
    await page.close();
  });

  it('opens the items behind a number for a viewer who may read them, and tells a screen-only token why not', async () => {
    const leader = await system.login('city.leader');
    const screenToken = await system.login('screen');
    const api = await system.query(
      '{ complaints(filter: { regionCode: "990100", overdue: true }, first: 20) { totalCount edges { node { id } } } }',
      {},
      leader,
    );
    const expected = api.data.complaints;
    expect(expected.totalCount).toBeGreaterThan(0);

    const asLeader = await openScreen(leader);
    await asLeader.getByTestId('overdue-complaints-card').click();
    const list = asLeader.getByTestId('item-list');
    await expect.poll(() => list.getAttribute('data-status'), { timeout: 10_000 }).toBe('ready');
    const ids = await list.getByTestId('item-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(ids).toEqual(expected.edges.map((e: { node: { id: string } }) => e.node.id));
    expect(await list.getByTestId('item-list-summary').textContent()).toContain(`共 ${expected.totalCount} 件`);
    await asLeader.keyboard.press('Escape');
    await expect.poll(() => list.count()).toBe(0);
    await asLeader.close();

    const asScreen = await openScreen(screenToken);
    await asScreen.getByTestId('overdue-complaints-card').click();
    await expect
      .poll(() => asScreen.getByTestId('item-list-error').textContent(), { timeout: 10_000 })
      .toContain('当前大屏账号只能查看统计数字');
    await asScreen.close();
  });

  it('shows the API’s 30-day trend and ambassador coverage, and follows a new complaint in today’s received count', async () => {
    const hotline = await system.login('hotline');
    const leader = await system.login('city.leader');
    const screenToken = await system.login('screen');
    const page = await openScreen(screenToken);
    const TREND = '{ region(code: "990100") { complaintTrend(days: 30) { date received closed } serviceStats { keyEnterprises coveredKeyEnterprises keyProjects coveredKeyProjects } } }';
    const described = (days: { date: string; received: number; closed: number }[]) => days.map((d) => `${d.date}:${d.received}:${d.closed}`).join(';');
    const chart = page.getByTestId('complaint-trend-chart');
    const before = (await system.query(TREND, {}, leader)).data.region;
    expect(before.complaintTrend).toHaveLength(30);
    await expect.poll(() => chart.getAttribute('data-days'), { timeout: 10_000 }).toBe(described(before.complaintTrend));
    const sum = (key: 'received' | 'closed', days: { received: number; closed: number }[]) => String(days.reduce((n, d) => n + d[key], 0));
    expect(await page.getByTestId('trend-received-total').textContent()).toBe(sum('received', before.complaintTrend));
    expect(await page.getByTestId('trend-closed-total').textContent()).toBe(sum('closed', before.complaintTrend));
    const coverage = before.serviceStats;
    const row = (id: string) => page.getByTestId(id);
    expect(await row('coverage-enterprises').getByTestId('covered').textContent()).toBe(String(coverage.coveredKeyEnterprises));
    expect(await row('coverage-enterprises').getByTestId('total').textContent()).toBe(String(coverage.keyEnterprises));
    expect(await row('coverage-projects').getByTestId('covered').textContent()).toBe(String(coverage.coveredKeyProjects));
    expect(await row('coverage-projects').getByTestId('total').textContent()).toBe(String(coverage.keyProjects));

    await system.query(RECEIVE, complaint('990103001', '趋势图里的新投诉'), hotline);
    const after = (await system.query(TREND, {}, leader)).data.region.complaintTrend;
    expect(after.at(-1).received).toBe(before.complaintTrend.at(-1).received + 1);
    await expect.poll(() => chart.getAttribute('data-days'), { timeout: 5_000 }).toBe(described(after));
    await page.close();
  });

  it('opens the due-soon complaints behind 临期投诉 with the same count', async () => {
    const leader = await system.login('city.leader');
    const api = await system.query(
      '{ region(code: "990100") { complaintStats { dueSoon } } complaints(filter: { regionCode: "990100", light: YELLOW }, first: 20) { totalCount edges { node { id } } } }',
      {},
      leader,
    );
    const { region, complaints } = api.data;
    expect(complaints.totalCount).toBe(region.complaintStats.dueSoon);
    expect(complaints.totalCount).toBeGreaterThan(0);
    const page = await openScreen(leader);
    await expect.poll(() => page.getByTestId('due-soon-complaints').textContent(), { timeout: 10_000 }).toBe(String(region.complaintStats.dueSoon));
    await page.getByTestId('due-soon-complaints-card').click();
    const list = page.getByTestId('item-list');
    await expect.poll(() => list.getAttribute('data-status'), { timeout: 10_000 }).toBe('ready');
    expect(await list.getByTestId('item-list-summary').textContent()).toContain(`共 ${region.complaintStats.dueSoon} 件`);
    const ids = await list.getByTestId('item-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(ids).toEqual(complaints.edges.map((e: { node: { id: string } }) => e.node.id));
    await page.close();
  });

  it('opens a district token at its own district, with nothing above it to go back to', async () => {
    const districtLeader = await system.login('linjiang.leader');
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(screenUrl(districtLeader));
    await expect.poll(() => page.getByTestId('region-map').getAttribute('data-codes'), { timeout: 10_000 }).toBe(TOWNS_OF_990102);
    const district = (await system.query('{ region(code: "990102") { name complaintStats { overdue } } }', {}, districtLeader)).data.region;
    await expect.poll(() => page.getByTestId('overdue-complaints').textContent(), { timeout: 10_000 }).toBe(String(district.complaintStats.overdue));
    expect(await page.getByTestId('screen-title').textContent()).toContain(district.name);
    expect(await page.getByTestId('error-banner').count()).toBe(0);
    // the breadcrumb starts at the district: no way up to the city
    expect(await page.getByTestId('breadcrumb').textContent()).not.toContain('江湾市');
    expect(await page.getByTestId('breadcrumb').locator('button').count()).toBe(0);
    await page.close();
  });

  it('shows a complaint received through the API at the top of the dispatch feed within seconds', async () => {
    const hotline = await system.login('hotline');
    const screenToken = await system.login('screen');
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${system.gateway.url.replace(/\/graphql$/, '')}/screen/?token=${screenToken}`);
    await expect.poll(() => page.getByTestId('live-indicator').isVisible(), { timeout: 10_000 }).toBe(true);
    const district = (await system.query('{ region(code: "990104") { name } }', {}, hotline)).data.region;

    const created = (await system.query(RECEIVE, complaint('990104002', '转办动态里的新投诉'), hotline)).data.receiveComplaint;
    await expect.poll(() => firstFeedItemId(page), { timeout: 5_000 }).toBe(created.id);
    const line = feedItems(page).first();
    expect(await line.getAttribute('data-kind')).toBe('RECEIVED');
    expect(await line.getAttribute('data-region')).toBe('990104002');
    const text = await line.textContent();
    expect(text).toContain('受理');
    expect(text).toContain('投诉');
    expect(text).toContain('转办动态里的新投诉');
    // a town's event on the city view is named after the district it lies in, not its bare code
    expect(text).toContain(district.name);
    expect(text).not.toContain('990104002');
    // HH:mm:ss in Beijing time, whatever the browser's time zone
    const time = line.locator('time');
    const at = (await time.getAttribute('datetime'))!;
    expect(Math.abs(Date.parse(at) - Date.now())).toBeLessThan(60_000);
    expect(await time.textContent()).toBe(shanghaiTime(at));

    // the next step of the same complaint goes on top; the wall shows at most eight lines
    const dispatched = await system.query(
      'mutation($input: DispatchComplaintInput!) { dispatchComplaint(input: $input) { id } }',
      { input: { id: created.id, unitId: '8a3f1c2e-0000-5000-a000-000000000001', expectedVersion: 1 } },
      hotline,
    );
    expect(dispatched.errors).toBeUndefined();
    await expect.poll(() => feedItems(page).first().getAttribute('data-kind'), { timeout: 5_000 }).toBe('DISPATCHED');
    expect(await feedItems(page).first().getAttribute('data-item-id')).toBe(created.id);
    expect(await feedItems(page).nth(1).getAttribute('data-item-id')).toBe(created.id);
    expect(await feedItems(page).nth(1).getAttribute('data-kind')).toBe('RECEIVED');
    expect(await feedItems(page).count()).toBeLessThanOrEqual(8);
    await page.close();
  });

  it('shows a stale badge with the data’s age while the gateway is down, and recovers without a reload', async () => {
    const hotline = await system.login('hotline');
    const screenToken = await system.login('screen');
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // What the screen sends and receives over graphql-ws: the dispatch feed's subscribe messages
    // and the versions of its frames.
    const feedSubscribes: { after?: string | null }[] = [];
    const feedVersions: string[] = [];
    const feedIds = new Set<string>();
    page.on('websocket', (ws) => {
      ws.on('framesent', ({ payload }) => {
        const message = JSON.parse(String(payload));
        if (message.type === 'subscribe' && message.payload.operationName === 'ScreenDispatchFeed') {
          feedIds.add(message.id);
          feedSubscribes.push(message.payload.variables);
        }
      });
      ws.on('framereceived', ({ payload }) => {
        const message = JSON.parse(String(payload));
        const version = message.type === 'next' && feedIds.has(message.id) ? message.payload.data?.dispatchEvents?.version : undefined;
        if (version) feedVersions.push(version);
      });
    });
    await page.goto(`${system.gateway.url.replace(/\/graphql$/, '')}/screen/?token=${screenToken}`);
    const overdue = page.getByTestId('overdue-complaints');
    const badge = page.getByTestId('stale-badge');
    await expect.poll(() => overdue.textContent(), { timeout: 10_000 }).toMatch(/^\d+$/);
    await expect.poll(() => feedVersions.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await badge.isVisible()).toBe(false);
    // a first subscription asks for a snapshot
    expect(feedSubscribes[0].after ?? null).toBeNull();
    const beforeOutage = (await system.query(RECEIVE, complaint('990104001', '断线前的投诉'), hotline)).data.receiveComplaint;
    await expect.poll(() => firstFeedItemId(page), { timeout: 5_000 }).toBe(beforeOutage.id);
    const before = await page.evaluate(() => {
      (window as any).__beforeOutage = true;
      return performance.timeOrigin;
    });

    await system.stopGateway();
    try {
      await expect.poll(() => badge.isVisible(), { timeout: 10_000 }).toBe(true);
      expect(await page.getByTestId('live-indicator').isVisible()).toBe(false);
      // the age is there and counts up while the outage lasts
      await expect.poll(async () => Number(/(\d+)秒前/.exec((await badge.textContent()) ?? '')?.[1] ?? -1), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
      expect(await badge.textContent()).toMatch(/数据已过期 · \d+秒前更新/);
    } finally {
      await system.startGateway();
    }
    const lastVersion = feedVersions.at(-1);
    const subscribesBefore = feedSubscribes.length;
    expect(lastVersion).toMatch(/^\d+-\d+$/);
    expect(lastVersion).not.toBe('0-0');

    // back by itself: graphql-ws' back-off may wait several seconds after the outage
    await expect.poll(() => badge.isVisible(), { timeout: 30_000 }).toBe(false);
    expect(await page.getByTestId('live-indicator').isVisible()).toBe(true);
    // the same page, not a reload: the marker and the time origin are still those of before
    expect(await page.evaluate(() => [(window as any).__beforeOutage, performance.timeOrigin, performance.getEntriesByType('navigation').length])).toEqual([true, before, 1]);
    // the feed resubscribed for the same region from the last version it had, to continue without a gap
    await expect.poll(() => feedSubscribes.length, { timeout: 10_000 }).toBeGreaterThan(subscribesBefore);
    expect(feedSubscribes.at(-1)).toEqual({ regionCode: '990100', after: lastVersion });

    // and it is live again: a change through the API shows up in the numbers and the feed
    const shown = Number(await overdue.textContent());
    const created = (await system.query(RECEIVE, complaint('990104002', '恢复后的超期投诉', FORTY_DAYS_AGO()), hotline)).data.receiveComplaint;
    await expect.poll(() => overdue.textContent(), { timeout: 5_000 }).toBe(String(shown + 1));
    await expect.poll(() => firstFeedItemId(page), { timeout: 5_000 }).toBe(created.id);
    await page.close();
  }, 90_000);

  it('refuses a screen token for anything but reading', async () => {
    const screenToken = await system.login('screen');
    const attempt = await system.query(
      'mutation($input: ReceiveComplaintInput!) { receiveComplaint(input: $input) { id } }',
      { input: { channel: 'HOTLINE_12345', category: 'OTHER', title: 'x', content: 'x', regionCode: '990104002' } },
      screenToken,
    );
    expect(attempt.errors?.[0].extensions.code).toBe('FORBIDDEN');
    // the screen's own list documents pass the gateway's allow-list, and the subgraphs refuse them
    // to a token that may read statistics only: no item reaches a screen-only token
    const { documents } = JSON.parse(readFileSync(resolve(REPO_ROOT, 'gateway/src/limits/screen-documents.json'), 'utf8'));
    for (const name of ['ScreenOverdueComplaints', 'ScreenDueSoonComplaints', 'ScreenOverdueDemands', 'ScreenOverdueTasks']) {
      const list = await system.query(documents[name], { regionCode: '990100' }, screenToken);
      expect(list.errors?.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['FORBIDDEN']);
      expect(list.data ?? null).toBeNull();
    }
  });
});
