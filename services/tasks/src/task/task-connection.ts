import { connectionOf } from '@bizenv/common/connection';
import { SupervisedTask } from './task.entity.js';

export const SupervisedTaskConnection = connectionOf(SupervisedTask, 'SupervisedTask');
