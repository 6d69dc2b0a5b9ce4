import { connectionOf } from '@bizenv/common/connection';
import { Complaint } from './complaint.entity.js';

/** Lists carry complaints as they are: staff-side fields only, nothing about the complainant. */
export const ComplaintConnection = connectionOf(Complaint, 'Complaint');
