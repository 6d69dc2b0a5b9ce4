import type { GraphQLSchema } from 'graphql';
import type { DataSource, MixedList } from 'typeorm';
import { followTestClock } from './clock.js';
import type { SubgraphName } from './config.js';
import { createDataSource, openDataSource } from './data-source.js';
import { DeadlineWatcher, type DeadlineSource } from './deadline-watcher.js';
import type { EventBus } from './event-bus.js';
import { EventFollower, type EventConsumer } from './event-consumer.js';
import { Outbox } from './outbox.js';
import { OutboxEvent } from './outbox-event.entity.js';
import { peerClient, type PeerClient } from './peer-client.js';
import { startSubgraphServer, type RunningServer } from './subgraph-server.js';

/** What a subgraph package declares; `runSubgraph` does the rest the same way for all four. */
export interface SubgraphDefinition<TDeps extends object> {
  name: SubgraphName;
  entities: Function[];
  migrations: MixedList<Function>;
  buildSchema(): Promise<GraphQLSchema>;
  /** `peers`: signed calls to the other subgraphs (those whose address this one was given). */
  createDeps(dataSource: DataSource, outbox: Outbox, peers: PeerClient): TDeps;
  /** Deadlines that pass without a write and must reach the screen when they do. */
  deadlines?(deps: TDeps): DeadlineSource[];
  /** Other subgraphs' events this one acts on. */
  consumers?(deps: TDeps): EventConsumer[];
  /** Fills an empty database with the demo city; must do nothing when data exists. */
  seed?(dataSource: DataSource, deps: TDeps): Promise<void>;
}

export interface SubgraphRuntime {
  databaseUrl?: string;
  /** Absent: in-memory embedded database. */
  dataDir?: string;
  bus: EventBus;
  internalSecret: Uint8Array;
  port: number;
  host: string;
  seed: boolean;
  /** Follow `clock.advanced` events (never in production). */
  testClock: boolean;
  /** Where the other subgraphs answer, for consumers catching up on missed events and for `createDeps`' peer calls. */
  peers?: Partial<Record<SubgraphName, string>>;
}

export interface RunningSubgraph<TDeps> extends RunningServer {
  name: SubgraphName;
  dataSource: DataSource;
  outbox: Outbox;
  deps: TDeps;
}

/** A subgraph's own database, connected and migrated; also for scripts that work on it directly. */
export function openSubgraphDatabase(
  definition: Pick<SubgraphDefinition<object>, 'name' | 'entities' | 'migrations'>,
  runtime: Pick<SubgraphRuntime, 'databaseUrl' | 'dataDir'>,
): Promise<DataSource> {
  const options = {
    service: definition.name,
    databaseUrl: runtime.databaseUrl,
    dataDir: runtime.dataDir,
    entities: [...definition.entities, OutboxEvent],
    migrations: definition.migrations,
  };
  return openDataSource(createDataSource(options), options);
}

export async function runSubgraph<TDeps extends object>(
  definition: SubgraphDefinition<TDeps>,
  runtime: SubgraphRuntime,
): Promise<RunningSubgraph<TDeps>> {
  const dataSource = await openSubgraphDatabase(definition, runtime);
  const outbox = new Outbox(dataSource, definition.name, runtime.bus);
  const peers = peerClient(definition.name, runtime.peers ?? {}, runtime.internalSecret);
  const deps = definition.createDeps(dataSource, outbox, peers);
  if (runtime.seed) await definition.seed?.(dataSource, deps);
  const watchers = (definition.deadlines?.(deps) ?? []).map((source) => new DeadlineWatcher(dataSource, outbox, source));
  const consumers = definition.consumers?.(deps) ?? [];
  for (const consumer of consumers) await consumer.start?.();
  const followers = consumers.map((consumer) => new EventFollower(runtime.bus, consumer, peers));
  const stopClock = runtime.testClock ? runtime.bus.subscribe(followTestClock) : () => {};
  outbox.start();
  watchers.forEach((watcher) => watcher.start());
  followers.forEach((follower) => follower.start());
  const server = await startSubgraphServer({
    name: definition.name,
    schema: await definition.buildSchema(),
    deps,
    internalSecret: runtime.internalSecret,
    port: runtime.port,
    host: runtime.host,
  });
  return {
    ...server,
    name: definition.name,
    dataSource,
    outbox,
    deps,
    async stop() {
      await server.stop();
      stopClock();
      await Promise.all(followers.map((follower) => follower.stop()));
      await Promise.all(watchers.map((watcher) => watcher.stop()));
      await outbox.stop();
      await dataSource.destroy();
    },
  };
}
