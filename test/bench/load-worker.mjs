// Sends one request body to one URL from `concurrency` loops for `seconds`, then reports the
// count, the errors (HTTP status other than 200 or GraphQL errors) and each latency in ms.
import { parentPort, workerData } from 'node:worker_threads';

const { url, headers, body, seconds, concurrency } = workerData;
const until = performance.now() + seconds * 1000;
const latencies = [];
let errors = 0;
let firstError;

async function loop() {
  while (performance.now() < until) {
    const start = performance.now();
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      const result = await response.json();
      if (response.status !== 200 || result.errors) {
        errors++;
        firstError ??= `${response.status} ${JSON.stringify(result.errors ?? result).slice(0, 200)}`;
      }
    } catch (error) {
      errors++;
      firstError ??= String(error);
    }
    latencies.push(performance.now() - start);
  }
}

await Promise.all(Array.from({ length: concurrency }, loop));
parentPort.postMessage({ requests: latencies.length, errors, latencies, firstError });
