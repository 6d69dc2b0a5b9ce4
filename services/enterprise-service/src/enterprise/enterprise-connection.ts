import { connectionOf } from '@bizenv/common/connection';
import { Enterprise } from './enterprise.entity.js';

export const EnterpriseConnection = connectionOf(Enterprise, 'Enterprise');
