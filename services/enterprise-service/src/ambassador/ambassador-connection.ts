import { connectionOf } from '@bizenv/common/connection';
import { AmbassadorAssignment } from './ambassador-assignment.entity.js';
import { LeaderContact } from './leader-contact.entity.js';

export const AmbassadorAssignmentConnection = connectionOf(AmbassadorAssignment, 'AmbassadorAssignment');
export const LeaderContactConnection = connectionOf(LeaderContact, 'LeaderContact');
