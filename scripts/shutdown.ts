import { SHUTDOWN_GRACE_MS } from '@bizenv/common/subgraph-server';

/** Beyond the grace for requests: the time to close sockets, relays and database pools. */
const CLOSE_MARGIN_MS = 5_000;

/**
 * On SIGTERM or SIGINT, runs `stop` once (servers stop accepting, finish the requests in
 * progress within SHUTDOWN_GRACE_MS, tell subscribers 1001, stop the relays after their current
 * step, close the databases) and exits 0; exits 1 when it fails or takes longer than the grace
 * and a margin. A second signal changes nothing: the bound holds.
 */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n收到 ${signal}，正在停止…`);
    setTimeout(() => {
      console.error(`停止超时（${(SHUTDOWN_GRACE_MS + CLOSE_MARGIN_MS) / 1000} 秒），强制退出`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS + CLOSE_MARGIN_MS).unref();
    try {
      await stop();
      process.exit(0);
    } catch (error) {
      console.error('停止时出错', error);
      process.exit(1);
    }
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));
}
