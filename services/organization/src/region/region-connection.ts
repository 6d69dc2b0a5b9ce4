import { connectionOf } from '@bizenv/common/connection';
import { Region } from './region.entity.js';

export const RegionConnection = connectionOf(Region, 'Region');
