import type { Config, SubgraphName } from '@bizenv/common/config';
import type { SubgraphDefinition } from '@bizenv/common/subgraph';
import { complaintsSubgraph } from '@bizenv/complaints/subgraph';
import { enterpriseServiceSubgraph } from '@bizenv/enterprise-service/subgraph';
import { organizationSubgraph } from '@bizenv/organization/subgraph';
import { tasksSubgraph } from '@bizenv/tasks/subgraph';

/** The four subgraphs, in the order they start. */
export function subgraphDefinitions(
  config: Pick<Config, 'authSecret' | 'production' | 'identity'> & Partial<Pick<Config, 'protectionDays'>>,
): Record<SubgraphName, SubgraphDefinition<any>> {
  return {
    organization: organizationSubgraph(config),
    tasks: tasksSubgraph(),
    complaints: complaintsSubgraph({ identity: config.identity, protectionDays: config.protectionDays }),
    'enterprise-service': enterpriseServiceSubgraph(),
  };
}
