/**
 * Prints a region's live statistics as the gateway pushes them:
 * `npm run watch -- [regionCode=990100] [username=city.leader]` (demo password).
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [code = '990100', username = 'city.leader'] = process.argv.slice(2);
const url = process.env.GATEWAY_URL || 'http://127.0.0.1:4000/graphql';

const login = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
    variables: { u: username, p: process.env.DEMO_PASSWORD || 'Demo@2026' },
  }),
}).then((response) => response.json());
if (!login.data?.login) throw new Error(`登录失败: ${JSON.stringify(login.errors)}`);

const client = createClient({
  url: url.replace(/^http/, 'ws'),
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `Bearer ${login.data.login.token}` },
});
client.subscribe(
  {
    query: `subscription($code: ID!) { regionStats(code: $code) {
      name complaintStats { open overdue } taskStats { open overdue } serviceStats { openDemands overdueDemands } } }`,
    variables: { code },
  },
  {
    next: (frame) => console.log(new Date().toISOString(), JSON.stringify(frame)),
    error: (error) => console.error('订阅出错', error),
    complete: () => process.exit(0),
  },
);
