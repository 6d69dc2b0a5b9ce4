import type { ReportCadence } from '../report/report-period.js';
import type { TaskTargetInput } from '../task/task-inputs.js';

/**
 * One of the five source plans, shaped for the demo city: its phases, special actions and
 * numbered tasks. Dates are "MM-DD" of the current year and deadlines are written as the plans
 * write them with `{Y}` for the year ("{Y}年9月底前"), so the demo always shows a year in progress.
 * Units are `DEMO_UNITS` keys; "~gov-data" is the plan's own district's unit. Where the demo city
 * lacks the plan's unit (区人社局, 区法院…) the nearest demo unit stands in, or the task is left out.
 */
export interface DemoPlan {
  key: string;
  regionCode: string;
  title: string;
  issuingBody: string;
  documentNumber: string | null;
  startsOn: string;
  endsOn: string;
  cadence: ReportCadence | null;
  phases: { name: string; startsOn: string; endsOn: string; milestones?: { on: string; title: string }[] }[];
  /** `leader`: the username of a demo account (a person with a sign-in). */
  specialActions: { title: string; leader?: string; overall?: string; lead?: string[]; co?: string[] }[];
  tasks: DemoTask[];
}

export interface DemoTask {
  /** The plan's number where it skips some (tasks left out); otherwise the previous one + 1. */
  n?: number;
  title: string;
  /** Number of its special action in the plan (1-based). */
  action?: number;
  lead: string[];
  co?: string[];
  due: string;
  target?: TaskTargetInput;
  /** A town of the plan's district ("001"), for the tasks the plan hands to 镇（街）. */
  town?: string;
}
