import { describe, expect, it } from 'vitest';
import { CampaignStatus, daysLeft, spanOn, statusOn } from './campaign-calendar.js';

// Leizhou 2021 [000], as phases of one year.
const PHASES = [
  { name: '动员', startsOn: '2026-03-01', endsOn: '2026-03-10' },
  { name: '重点突破', startsOn: '2026-03-11', endsOn: '2026-04-10' },
  { name: '集中攻坚', startsOn: '2026-04-11', endsOn: '2026-10-31' },
  { name: '考评验收', startsOn: '2026-11-01', endsOn: '2026-12-31' },
];
const CAMPAIGN = { startsOn: '2026-03-01', endsOn: '2026-12-31' };

describe('campaign calendar', () => {
  it('finds the phase of a day, ends included', () => {
    expect(spanOn(PHASES, '2026-03-10')?.name).toBe('动员');
    expect(spanOn(PHASES, '2026-03-11')?.name).toBe('重点突破');
    expect(spanOn(PHASES, '2026-11-23')?.name).toBe('考评验收');
    expect(spanOn(PHASES, '2026-02-28')).toBeNull();
    expect(spanOn(PHASES, '2027-01-01')).toBeNull();
  });

  it('counts days left including today, and 0 once over', () => {
    expect(daysLeft('2026-03-10', '2026-03-01')).toBe(10);
    expect(daysLeft('2026-03-10', '2026-03-10')).toBe(1);
    expect(daysLeft('2026-03-10', '2026-03-11')).toBe(0);
    expect(daysLeft('2026-12-31', '2026-11-23')).toBe(39);
    // Across a month end and a leap day.
    expect(daysLeft('2028-03-01', '2028-02-28')).toBe(3);
  });

  it('says whether a campaign has started or ended', () => {
    expect(statusOn(CAMPAIGN, '2026-02-28')).toBe(CampaignStatus.NOT_STARTED);
    expect(statusOn(CAMPAIGN, '2026-03-01')).toBe(CampaignStatus.IN_PROGRESS);
    expect(statusOn(CAMPAIGN, '2026-12-31')).toBe(CampaignStatus.IN_PROGRESS);
    expect(statusOn(CAMPAIGN, '2027-01-01')).toBe(CampaignStatus.ENDED);
  });
});
