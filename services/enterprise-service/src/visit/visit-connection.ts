import { connectionOf } from '@bizenv/common/connection';
import { Visit } from './visit.entity.js';

export const VisitConnection = connectionOf(Visit, 'Visit');
