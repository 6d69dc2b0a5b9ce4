import { connectionOf } from '@bizenv/common/connection';
import { Project } from './project.entity.js';

export const ProjectConnection = connectionOf(Project, 'Project');
