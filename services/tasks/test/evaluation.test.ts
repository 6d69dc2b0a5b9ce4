import { randomUUID } from 'node:crypto';
import type { Caller } from '@bizenv/common/auth';
import { now } from '@bizenv/common/clock';
import { DEFAULT_YELLOW_WORKING_DAYS, yellowAt } from '@bizenv/common/lights';
import type { RunningSubgraph } from '@bizenv/common/subgraph';
import { callSubgraph, type DatabaseTarget, databaseTargets, startTestSubgraph } from '@bizenv/common/testing';
import { officialCalendar, shanghaiDate } from '@bizenv/common/working-days';
import { readSheet, SpreadsheetFormat } from '@bizenv/common/spreadsheet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RANKING_COLUMNS } from '../src/evaluation/ranking-sheet.js';
import { ProblemSource, ProblemStatus } from '../src/ledger/problem-enums.js';
import { Problem } from '../src/ledger/problem.entity.js';
import { tasksSubgraph } from '../src/subgraph.js';
import { TaskStatus } from '../src/task/task-status.js';
import { SupervisedTask } from '../src/task/task.entity.js';
import { citySupervisor, handlerA, insertCampaign, linjiangLeader, UNIT_A, UNIT_B, UNIT_C } from './oversight-fixtures.js';

const DAY = 86_400_000;
const RANK = `query($scope: EvaluationScope) { unitEvaluations(scope: $scope) {
  regionCode averageOnTimeRate priorWeight
  units { rank unit { id } score onTimeRate completionRate focus focusReason eligibleForTopPrize
    tasks { total closed closedOnTime closedLate openOverdue } problems { total closed closedOnTime closedLate openOverdue } }
} }`;
const MARK = `mutation($input: MarkFocusUnitInput!) { markFocusUnit(input: $input) { id unit { id } } }`;
const UNMARK = `mutation($c: ID!, $u: ID!) { unmarkFocusUnit(campaignId: $c, unitId: $u) }`;
const HISTORY = `query($from: String!, $to: String!, $scope: EvaluationScope, $unitId: ID) {
  lightsHistory(from: $from, to: $to, scope: $scope, unitId: $unitId) { unit { id } days { date green yellow red } }
}`;

describe.each(await databaseTargets())('evaluation (考评) on $name', ({ create }) => {
  let target: DatabaseTarget;
  let subgraph: RunningSubgraph<any>;
  let campaignId: string;

  const call = (caller: Caller, query: string, variables: Record<string, unknown> = {}) => callSubgraph(subgraph.url, caller, query, variables);
  const ok = async (caller: Caller, query: string, variables: Record<string, unknown> = {}) => {
    const result = await call(caller, query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data;
  };

  /** A problem of `unitId` in 临江区: `onTime` closed by its limit, `late` closed after it, `overdue` open past it. */
  const problem = (unitId: string, kind: 'onTime' | 'late' | 'overdue' | 'pending', createdAt = new Date(now().getTime() - 60 * DAY)): Problem => {
    const timeLimit = kind === 'pending' ? new Date(now().getTime() + 30 * DAY) : new Date(now().getTime() - 10 * DAY);
    const closed = kind === 'onTime' || kind === 'late';
    const requested = kind === 'onTime' ? new Date(timeLimit.getTime() - DAY) : new Date(timeLimit.getTime() + DAY);
    return {
      id: randomUUID(),
      reportId: null,
      campaignId,
      source: ProblemSource.SUPERVISION_CHECK,
      sourceRef: null,
      title: '测试问题',
      description: null,
      cause: null,
      measures: null,
      responsibleUnitId: unitId,
      responsiblePersonId: null,
      regionCode: '990102001',
      timeLimit,
      yellowAt: yellowAt(timeLimit, DEFAULT_YELLOW_WORKING_DAYS, officialCalendar),
      status: closed ? ProblemStatus.SIGNED_OFF : ProblemStatus.RECTIFYING,
      signOffRequestedAt: closed ? requested : null,
      closedAt: closed ? new Date(requested.getTime() + 3600_000) : null,
      createdAt,
      version: 1,
    };
  };
  const many = (count: number, make: () => Problem) => Array.from({ length: count }, make);

  beforeAll(async () => {
    target = create();
    subgraph = await startTestSubgraph(tasksSubgraph(), target, [], false);
    campaignId = await insertCampaign(subgraph.dataSource);
    const problems = [
      // A: 100 items, 10 of them overdue; B: 1 item, overdue; C (城南区) stays out of 临江区.
      ...many(90, () => problem(UNIT_A, 'onTime')),
      ...many(10, () => problem(UNIT_A, 'overdue')),
      problem(UNIT_B, 'overdue'),
      { ...problem(UNIT_C, 'late'), regionCode: '990103001' },
    ];
    for (let i = 0; i < problems.length; i += 50) await subgraph.dataSource.getRepository(Problem).insert(problems.slice(i, i + 50));
    // A's one task, completed on time: tasks count beside problems.
    const deadline = new Date(now().getTime() - 5 * DAY);
    await subgraph.dataSource.getRepository(SupervisedTask).insert({
      id: randomUUID(), number: 1, title: '压缩开办时间', leadUnitId: UNIT_A, regionCode: '990102', deadline, status: TaskStatus.DONE, version: 2,
      campaignId, createdAt: new Date(deadline.getTime() - 30 * DAY), completedAt: new Date(deadline.getTime() - DAY),
    });
  });

  afterAll(async () => {
    await subgraph?.stop();
    await target?.dispose();
  });

  it('ranks 10 overdue of 100 above 1 overdue of 1 by the load-normalised on-time rate', async () => {
    const { unitEvaluations: report } = await ok(citySupervisor, RANK, { scope: { regionCode: '990102', campaignId } });
    expect(report.units.map((u: any) => [u.rank, u.unit.id])).toEqual([
      [1, UNIT_A],
      [2, UNIT_B],
    ]);
    const [a, b] = report.units;
    expect(a).toMatchObject({
      onTimeRate: 91 / 101,
      completionRate: 91 / 101,
      tasks: { total: 1, closed: 1, closedOnTime: 1, closedLate: 0, openOverdue: 0 },
      problems: { total: 100, closed: 90, closedOnTime: 90, closedLate: 0, openOverdue: 10 },
    });
    expect(b).toMatchObject({ onTimeRate: 0, completionRate: 0, problems: { total: 1, openOverdue: 1 } });
    const average = 91 / 102;
    expect(report.priorWeight).toBe(10);
    expect(report.averageOnTimeRate).toBeCloseTo(average, 12);
    expect(a.score).toBeCloseTo((91 + 10 * average) / (101 + 10), 12);
    expect(b.score).toBeCloseTo((0 + 10 * average) / (1 + 10), 12);
    // The one late item pulls B only part of the way down: it is not ranked as if 100% failing.
    expect(b.score).toBeGreaterThan(0.8);
  });

  it('flags 整治重点 units within a campaign: they keep their rank but cannot get a top prize', async () => {
    expect((await ok(citySupervisor, MARK, { input: { campaignId, unitId: UNIT_A, regionCode: '990102', reason: '整改落实不到位' } })).markFocusUnit.unit.id).toBe(UNIT_A);
    const again = await call(citySupervisor, MARK, { input: { campaignId, unitId: UNIT_A, regionCode: '990102', reason: '重复' } });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    const { unitEvaluations: report } = await ok(citySupervisor, RANK, { scope: { regionCode: '990102', campaignId } });
    expect(report.units.map((u: any) => [u.rank, u.unit.id, u.focus, u.eligibleForTopPrize, u.focusReason])).toEqual([
      [1, UNIT_A, true, false, '整改落实不到位'],
      [2, UNIT_B, false, true, null],
    ]);
    expect((await ok(citySupervisor, UNMARK, { c: campaignId, u: UNIT_A })).unmarkFocusUnit).toBe(true);
    expect((await ok(citySupervisor, UNMARK, { c: campaignId, u: UNIT_A })).unmarkFocusUnit).toBe(false);
    const after = (await ok(citySupervisor, RANK, { scope: { regionCode: '990102', campaignId } })).unitEvaluations;
    expect(after.units[0]).toMatchObject({ focus: false, eligibleForTopPrize: true });
  });

  it('shows a unit operator their own row only, and keeps a district leader out of another district', async () => {
    const { unitEvaluations: own } = await ok(handlerA, RANK, { scope: { regionCode: '990102' } });
    expect(own.units.map((u: any) => [u.rank, u.unit.id])).toEqual([[1, UNIT_A]]);
    const { unitEvaluations: district } = await ok(linjiangLeader, RANK, {});
    expect(district.units.map((u: any) => u.unit.id).sort()).toEqual([UNIT_A, UNIT_B].sort());
    for (const query of [RANK, HISTORY]) {
      const result = await call(linjiangLeader, query, { scope: { regionCode: '990103' }, from: shanghaiDate(now()), to: shanghaiDate(now()) });
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const city = (await ok(citySupervisor, RANK, {})).unitEvaluations;
    expect(city.units.map((u: any) => u.unit.id)).toContain(UNIT_C);
    const other = await call(handlerA, HISTORY, { from: shanghaiDate(now()), to: shanghaiDate(now()), unitId: UNIT_B });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('derives each day’s lights from the items: B’s problem was green, then yellow, then red', async () => {
    const day = (offset: number) => shanghaiDate(new Date(now().getTime() + offset * DAY));
    const [row] = await subgraph.dataSource.getRepository(Problem).findBy({ responsibleUnitId: UNIT_B });
    const from = shanghaiDate(new Date(row.yellowAt.getTime() - 2 * DAY));
    const to = day(0);
    const { lightsHistory } = await ok(citySupervisor, HISTORY, { from, to, scope: { regionCode: '990102' }, unitId: UNIT_B });
    expect(lightsHistory).toHaveLength(1);
    const days = lightsHistory[0].days;
    expect(days[0]).toEqual({ date: from, green: 1, yellow: 0, red: 0 });
    expect(days.at(-1)).toEqual({ date: to, green: 0, yellow: 0, red: 1 });
    const redFrom = days.findIndex((d: any) => d.red === 1);
    expect(days[redFrom].date).toBe(shanghaiDate(new Date(row.timeLimit.getTime() + 1)));
    expect(days.slice(0, redFrom).some((d: any) => d.yellow === 1)).toBe(true);
    for (const d of days) expect(d.green + d.yellow + d.red).toBe(1);
    // A's overdue ten are red on every day since their limit; its closed ninety show no light after closing.
    const { lightsHistory: all } = await ok(citySupervisor, HISTORY, { from: to, to, scope: { regionCode: '990102', campaignId } });
    expect(all.find((h: any) => h.unit.id === UNIT_A).days).toEqual([{ date: to, green: 0, yellow: 0, red: 10 }]);
  });

  it('refuses bad ranges and scopes with the field named', async () => {
    const today = shanghaiDate(now());
    for (const [variables, field] of [
      [{ from: '2026-02-30', to: today }, 'from'],
      [{ from: today, to: '2999-01-01' }, 'to'],
      [{ from: today, to: shanghaiDate(new Date(now().getTime() - 400 * DAY)) }, 'from'],
      [{ from: shanghaiDate(new Date(now().getTime() - 400 * DAY)), to: today }, 'from'],
      [{ from: today, to: today, scope: { regionCode: '99010' } }, 'scope.regionCode'],
      [{ from: today, to: today, scope: { campaignId: '方案' } }, 'scope.campaignId'],
    ] as const) {
      const result = await call(citySupervisor, HISTORY, variables);
      expect(result.errors?.[0].extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('exports the ranking in rank order', async () => {
    const EXPORT = `query($scope: EvaluationScope, $units: [UnitNameInput!]) { exportUnitEvaluations(scope: $scope, units: $units) { fileName rowCount contentBase64 } }`;
    const { exportUnitEvaluations: file } = await ok(citySupervisor, EXPORT, { scope: { regionCode: '990102', campaignId }, units: [{ id: UNIT_B, name: 'B单位' }] });
    expect(file).toMatchObject({ rowCount: 2, fileName: expect.stringMatching(/^考评排名-.*\.xlsx$/) });
    const rows = await readSheet(Buffer.from(file.contentBase64, 'base64'), SpreadsheetFormat.XLSX, RANKING_COLUMNS, 100);
    expect(rows.map((r) => [r.values.rank, r.values.unit, r.values.unitId, r.values.onTimeRate, r.values.problemsOverdue])).toEqual([
      ['1', UNIT_A, UNIT_A, String(Math.round((91 / 101) * 1000) / 10), '10'],
      ['2', 'B单位', UNIT_B, '0', '1'],
    ]);
  });
});
