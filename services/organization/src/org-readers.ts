import { Permission } from '@bizenv/common/auth';

/**
 * Who may read regions and unit lists: organisation readers, and wall screens (statistics only)
 * that need region names for their map and unit names for their rankings.
 */
export const ORG_READERS: readonly Permission[] = [Permission.ORG_READ, Permission.STATS_READ];
