/** The client a sign-in attempt is counted for: its address (IPv6 per /64), or the proxy's last X-Forwarded-For entry where trusted. */
import type { APIContext } from 'astro';
import { clientKey, rateLimitConfigFromEnv } from '../rate-limiter';

const trustProxy = rateLimitConfigFromEnv(process.env).trustProxy;

export function clientOf(context: Pick<APIContext, 'clientAddress' | 'request'>): string {
  let address: string | undefined;
  try {
    address = context.clientAddress;
  } catch {
    address = undefined;
  }
  return clientKey(address, trustProxy ? context.request.headers.get('x-forwarded-for') : null, trustProxy) || 'unknown';
}
