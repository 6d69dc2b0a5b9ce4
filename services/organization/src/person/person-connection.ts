import { connectionOf } from '@bizenv/common/connection';
import { Person } from './person.entity.js';

export const PersonConnection = connectionOf(Person, 'Person');
