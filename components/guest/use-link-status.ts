'use client';

import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { AttemptStatus, LinkPaymentStatus } from '@/lib/payments/guest-checkout';

/** How long a page keeps asking before it tells the guest the hotel will confirm by email. */
export const MAX_POLL_MS = 3 * 60_000;
const FIRST_INTERVAL_MS = 2_000;
const MAX_INTERVAL_MS = 15_000;

export type LinkStatus = LinkPaymentStatus;

/** A state nobody needs to wait for any more: paid, or the attempt ended, or the link closed. */
export function isSettled(status: LinkStatus | undefined): boolean {
  if (!status) return false;
  if (status.linkState === 'processing') return false;
  if (status.linkState !== 'open') return true;
  const state = status.attempt?.state;
  return state === 'succeeded' || state === 'failed' || state === 'canceled' || (!status.attempt && status.linkState === 'open');
}

export function isInProgress(attempt: AttemptStatus | null | undefined): boolean {
  return !!attempt && !['succeeded', 'failed', 'canceled'].includes(attempt.state);
}

/** The status route's 429 (too many requests from this address): wait as long as it says. */
class RateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) {
    super('rate limited');
  }
}

async function fetchStatus(token: string, signal: AbortSignal): Promise<LinkStatus> {
  const response = await fetch(`/api/pay/${encodeURIComponent(token)}/status`, { cache: 'no-store', signal });
  if (response.status === 429) {
    const seconds = Number(response.headers.get('Retry-After'));
    throw new RateLimitedError(Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : MAX_INTERVAL_MS);
  }
  if (!response.ok) throw new Error(`status ${response.status}`);
  return (await response.json()) as LinkStatus;
}

/**
 * Polls the link's payment status (read back from Mews by the server) while a payment is under
 * way: every 2 s at first, backing off to 15 s, for at most three minutes. After that `gaveUp` is
 * true and the page says the hotel will confirm; `checkAgain` starts another round.
 */
export function useLinkStatus(
  token: string,
  options: {
    enabled: boolean;
    initial?: LinkStatus;
    /** Distinguishes one wait from the next on the same page, so an old answer is never reused. */
    scope?: string;
  },
) {
  // Each round of polling has its own deadline; "check again" starts a new round.
  const [round, setRound] = useState(0);
  const [gaveUpRound, setGaveUpRound] = useState(-1);
  const gaveUp = gaveUpRound === round;
  const active = options.enabled && !gaveUp;

  useEffect(() => {
    if (!options.enabled) return;
    const timer = window.setTimeout(() => setGaveUpRound(round), MAX_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [options.enabled, round]);

  const query = useQuery({
    queryKey: ['guest-link-status', token, options.scope ?? ''],
    queryFn: ({ signal }) => fetchStatus(token, signal),
    enabled: active,
    // The server-rendered status is fresh: the first poll waits one interval.
    initialData: options.initial,
    staleTime: FIRST_INTERVAL_MS,
    // Asking again at once would only be refused again.
    retry: (failures, error) => failures < 1 && !(error instanceof RateLimitedError),
    refetchInterval: (q) => {
      if (isSettled(q.state.data)) return false;
      const polls = q.state.dataUpdateCount + q.state.errorUpdateCount;
      const interval = Math.min(FIRST_INTERVAL_MS * 1.5 ** polls, MAX_INTERVAL_MS);
      const { error } = q.state;
      return error instanceof RateLimitedError ? Math.max(interval, error.retryAfterMs) : interval;
    },
    refetchIntervalInBackground: false,
  });

  const { refetch } = query;
  const checkAgain = useCallback(() => {
    setRound((r) => r + 1);
    void refetch();
  }, [refetch]);

  const settled = isSettled(query.data);
  return { status: query.data, settled, gaveUp: gaveUp && !settled, checkAgain };
}
