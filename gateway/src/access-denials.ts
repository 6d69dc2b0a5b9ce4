import type { ApolloServerPlugin } from '@apollo/server';
import { CLIENT_ADDRESS_HEADER, GATEWAY_AUTH_HEADER, signGatewayToken, type Caller } from '@bizenv/common/auth';
import { ErrorCode } from '@bizenv/common/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from './gateway.js';

/** One FORBIDDEN answer, as the organization audit log takes it. */
export interface AccessDenial {
  operationName: string | null;
  path: string | null;
  message: string;
}

/** Hands denials to the audit log without holding up the answer; a failed report is logged, not retried. */
export type AccessDenialReporter = (caller: Caller, address: string | undefined, denials: AccessDenial[]) => void;

/** A reporter, and the reports still under way (awaited when the gateway stops). */
export interface AccessDenialReports {
  report: AccessDenialReporter;
  settled(): Promise<void>;
}

/** As many as the organization subgraph takes in one report (MAX_DENIALS_PER_REPORT). */
const MAX_PER_REPORT = 20;
const REPORT_TIMEOUT_MS = 5_000;

const RECORD = /* GraphQL */ `
  mutation RecordAccessDenials($denials: [AccessDenialInput!]!) { recordAccessDenials(denials: $denials) }
`;

/**
 * Reports to the organization subgraph directly, signed as the refused caller (so the log names
 * them from the signature, not from anything the report says). The mutation is `@inaccessible`:
 * not in the gateway's API, so no client can forge a report.
 */
export function organizationDenialReporter(organizationUrl: string, internalSecret: Uint8Array): AccessDenialReports {
  const pending = new Set<Promise<void>>();
  const report: AccessDenialReporter = (caller, address, denials) => {
    const sent = (async () => {
      const response = await fetch(organizationUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [GATEWAY_AUTH_HEADER]: await signGatewayToken(caller, internalSecret),
          ...(address ? { [CLIENT_ADDRESS_HEADER]: address } : {}),
        },
        body: JSON.stringify({ query: RECORD, variables: { denials: denials.slice(0, MAX_PER_REPORT) } }),
        signal: AbortSignal.timeout(REPORT_TIMEOUT_MS),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    })().catch((error: unknown) => console.warn(`[audit] access denial not recorded: ${(error as Error).message}`));
    pending.add(sent);
    void sent.finally(() => pending.delete(sent));
  };
  return { report, settled: async () => void (await Promise.all(pending)) };
}

/** The FORBIDDEN errors of a response, as denials. */
export function forbiddenIn(errors: readonly GraphQLFormattedError[] | undefined, operationName: string | null): AccessDenial[] {
  return (errors ?? [])
    .filter((error) => error.extensions?.code === ErrorCode.Forbidden)
    .map((error) => ({ operationName, path: error.path?.join('.') ?? null, message: error.message }));
}

/**
 * Reports every FORBIDDEN answer a signed-in caller gets over HTTP. A live query's
 * recomputations (run in-process, without a client address) are not: the same refusal would be
 * recorded again on every change in the region.
 */
export function accessDenialPlugin(report: AccessDenialReporter): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart: async () => ({
      willSendResponse: async ({ response, contextValue, operationName }) => {
        if (response.body.kind !== 'single' || !contextValue.caller || contextValue.clientAddress === undefined) return;
        const denials = forbiddenIn(response.body.singleResult.errors, operationName ?? null);
        if (denials.length) report(contextValue.caller, contextValue.clientAddress, denials);
      },
    }),
  };
}
