import { connectionOf } from '@bizenv/common/connection';
import { Problem } from './problem.entity.js';
import { SelfInspectionReport } from './self-inspection-report.entity.js';

export const ProblemConnection = connectionOf(Problem, 'Problem');
export const SelfInspectionReportConnection = connectionOf(SelfInspectionReport, 'SelfInspectionReport');
