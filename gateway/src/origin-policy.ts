import type { IncomingMessage } from 'node:http';

/**
 * Whether a browser page from `Origin` may use this gateway. No Origin header: not a browser
 * (a script, an integrator's server), allowed, its credentials decide. A page served by this
 * gateway (the screen at /screen/) comes with its own host, also behind a proxy that forwards
 * the Host header. Any other page must be listed (ALLOWED_ORIGINS).
 */
export function originAllowed(req: Pick<IncomingMessage, 'headers'>, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  if (!URL.canParse(origin)) return false;
  const { host, protocol } = new URL(origin);
  return /^https?:$/.test(protocol) && host === req.headers.host;
}
