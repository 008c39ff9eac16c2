import { expect, type APIRequestContext } from '@playwright/test';
import { E2E_API_KEY } from './e2e-env';

/**
 * Creates payment links for the guest journeys through the public API
 * (`POST /api/v1/payment-links`), with the API key the app registers at start.
 */

export interface LinkInput {
  customerId: string;
  reservationId?: string;
  amountMinor: number;
  currency: string;
  description: string;
  expiresInHours?: number;
  /** ISO 8601; instead of expiresInHours. */
  expiresAt?: string;
  /** Another open or paid deposit link for the reservation is not refused (409) but kept. */
  allowDuplicate?: boolean;
  /** Stays payable when another link for its reservation and purpose is paid. */
  keepOpenWhenSiblingPaid?: boolean;
  /** A hold on the card (a Mews preauthorization) instead of a payment; needs GUEST_HOLDS=on. */
  collect?: 'payment' | 'hold';
}

export interface CreatedLink {
  id: string;
  url: string;
  token: string;
  state: string;
  amountMinor: number;
  currency: string;
  expiresAt: string;
  /** `/pay/<token>`: relative to the Playwright baseURL. */
  path: string;
}

export async function createLink(
  request: APIRequestContext,
  input: LinkInput,
): Promise<CreatedLink> {
  // The journeys share a handful of seeded reservations and each makes its own deposit link for
  // one: they are independent payments, not a deposit collected twice (that rule has its own
  // tests), unless a journey says otherwise.
  const response = await request.post('/api/v1/payment-links', {
    headers: { Authorization: `Bearer ${E2E_API_KEY}` },
    data: {
      ...(input.reservationId ? { allowDuplicate: true, keepOpenWhenSiblingPaid: true } : {}),
      ...input,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const link = (await response.json()) as Omit<CreatedLink, 'path'>;
  return { ...link, path: new URL(link.url).pathname };
}

export async function readLink(
  request: APIRequestContext,
  id: string,
): Promise<{ state: string; paidAt: string | null }> {
  const response = await request.get(`/api/v1/payment-links/${id}`, {
    headers: { Authorization: `Bearer ${E2E_API_KEY}` },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as { state: string; paidAt: string | null };
}

let counter = 0;
/**
 * A different amount for every link a run creates, so the sandbox's request log can be searched
 * for "the charges of this link" without resetting the sandbox other specs share.
 */
export function uniqueAmountMinor(base = 10_000): number {
  counter += 1;
  return base + (((Date.now() % 9_000) * 10 + counter) % 90_000);
}

/** Cancels a link as an integration would (`POST /api/v1/payment-links/{id}/cancel`). */
export async function cancelLink(request: APIRequestContext, id: string): Promise<void> {
  const response = await request.post(`/api/v1/payment-links/${id}/cancel`, {
    headers: { Authorization: `Bearer ${E2E_API_KEY}` },
  });
  expect(response.status(), await response.text()).toBe(200);
}
