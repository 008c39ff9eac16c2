import 'server-only';
import { headers } from 'next/headers';
import { NONCE_REQUEST_HEADER } from './content-security-policy';

/**
 * This request's CSP nonce, for a script or preload a server component adds itself (Next.js puts
 * it on its own scripts). Undefined outside a request proxy.ts has seen, where the policy would
 * refuse the element anyway.
 */
export async function requestNonce(): Promise<string | undefined> {
  return (await headers()).get(NONCE_REQUEST_HEADER) ?? undefined;
}
