import { connectionOf } from '@bizenv/common/connection';
import { ProgressReport } from './progress-report.entity.js';

export const ProgressReportConnection = connectionOf(ProgressReport, 'ProgressReport');
