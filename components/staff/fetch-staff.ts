'use client';

import type { ActionResult } from '@/lib/server/action-result';

/** GET a staff route handler for TanStack Query; a lost session sends the browser to sign in. */
export async function fetchStaff<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  const body = (await response.json().catch(() => null)) as ActionResult<T> | null;
  if (response.status === 401) {
    // A full page load on purpose: the session is gone, nothing on this page is worth keeping.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(
      `/staff/sign-in?callbackUrl=${encodeURIComponent(window.location.pathname)}`,
    );
  }
  if (!body) throw new Error(`Request failed (${response.status})`);
  if (!body.ok) throw new Error(body.error.message);
  return body.data;
}

/** After a server action: a lost session goes to sign-in instead of showing a dead form. */
export function handleSessionLoss<T>(result: ActionResult<T>): ActionResult<T> {
  if (!result.ok && result.error.code === 'unauthenticated') {
    // A full page load on purpose: the session is gone, nothing on this page is worth keeping.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(
      `/staff/sign-in?callbackUrl=${encodeURIComponent(window.location.pathname)}`,
    );
  }
  return result;
}
