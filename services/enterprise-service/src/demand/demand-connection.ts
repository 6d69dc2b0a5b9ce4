import { connectionOf } from '@bizenv/common/connection';
import { Demand } from './demand.entity.js';

export const DemandConnection = connectionOf(Demand, 'Demand');
