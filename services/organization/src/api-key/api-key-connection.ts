import { connectionOf } from '@bizenv/common/connection';
import { ApiKey } from './api-key.entity.js';

export const ApiKeyConnection = connectionOf(ApiKey, 'ApiKey');
