import { connectionOf } from '@bizenv/common/connection';
import { Unit } from './unit.entity.js';

export const UnitConnection = connectionOf(Unit, 'Unit');
