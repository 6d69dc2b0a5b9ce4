import { connectionOf } from '@bizenv/common/connection';
import { Group } from './group.entity.js';

export const GroupConnection = connectionOf(Group, 'Group');
