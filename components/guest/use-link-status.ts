'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttemptStatus, LinkPaymentStatus } from '@/lib/payments/guest/types';

/** How long a page keeps asking before it tells the guest the hotel will confirm by email. */
export const MAX_POLL_MS = 3 * 60_000;
const FIRST_INTERVAL_MS = 2_000;
const MAX_INTERVAL_MS = 15_000;
/** A failed poll (other than a 429) is asked once more after this long before it counts. */
const RETRY_DELAY_MS = 1_000;

export type LinkStatus = LinkPaymentStatus;

/** A state nobody needs to wait for any more: paid, or the attempt ended, or the link closed. */
export function isSettled(status: LinkStatus | undefined): boolean {
  if (!status) return false;
  if (status.linkState === 'processing') return false;
  if (status.linkState !== 'open') return true;
  const state = status.attempt?.state;
  return (
    state === 'succeeded' ||
    state === 'failed' ||
    state === 'canceled' ||
    (!status.attempt && status.linkState === 'open')
  );
}

export function isInProgress(attempt: AttemptStatus | null | undefined): boolean {
  return !!attempt && !['succeeded', 'failed', 'canceled'].includes(attempt.state);
}

/**
 * The card issuer waits for the guest to confirm the payment from the e-mail Mews sent them: that
 * takes minutes, not seconds, and the page must still turn by itself when they have. Polling goes
 * on at the slowest pace instead of giving up after MAX_POLL_MS, until Mews settles the payment
 * (at the latest when it cancels it, 24 hours on).
 */
export function isAwaitingGuest(status: LinkStatus | undefined): boolean {
  return status?.attempt?.state === 'verifying';
}

/** The status route's 429 (too many requests from this address): wait as long as it says. */
class RateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) {
    super('rate limited');
  }
}

async function fetchStatus(token: string, signal: AbortSignal): Promise<LinkStatus> {
  const response = await fetch(`/api/pay/${encodeURIComponent(token)}/status`, {
    cache: 'no-store',
    signal,
  });
  if (response.status === 429) {
    const seconds = Number(response.headers.get('Retry-After'));
    throw new RateLimitedError(
      Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : MAX_INTERVAL_MS,
    );
  }
  if (!response.ok) throw new Error(`status ${response.status}`);
  return (await response.json()) as LinkStatus;
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        window.clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

async function fetchStatusWithRetry(token: string, signal: AbortSignal): Promise<LinkStatus> {
  try {
    return await fetchStatus(token, signal);
  } catch (error) {
    // Asking again at once would only be refused again.
    if (signal.aborted || error instanceof RateLimitedError) throw error;
    await wait(RETRY_DELAY_MS, signal);
    return fetchStatus(token, signal);
  }
}

function nextInterval(polls: number, rateLimitedMs: number): number {
  return Math.max(Math.min(FIRST_INTERVAL_MS * 1.5 ** polls, MAX_INTERVAL_MS), rateLimitedMs);
}

/**
 * Polls the link's payment status (read back from Mews by the server) while a payment is under
 * way: every 2 s at first, backing off to 15 s, for at most three minutes (longer while the guest
 * has a verification to make: `isAwaitingGuest`). After that `gaveUp` is true and the page says
 * the hotel will confirm; `checkAgain` starts another round. Polling pauses
 * while the tab is hidden and catches up when the guest comes back. A plain effect rather than a
 * data-fetching library: the guest pages' JavaScript budget has no room for one.
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
  const key = `${token}\n${options.scope ?? ''}`;
  const [answer, setAnswer] = useState<{ key: string; status: LinkStatus } | null>(null);
  const status = answer?.key === key ? answer.status : options.initial;

  // What the polling loop starts from, without restarting it whenever a new answer arrives.
  const latest = useRef<{
    key: string;
    status: LinkStatus | undefined;
    at: number;
    polls: number;
  } | null>(null);
  const initial = useRef(options.initial);
  useEffect(() => {
    initial.current = options.initial;
  }, [options.initial]);

  useEffect(() => {
    if (!options.enabled) return;
    let timer: number;
    const giveUpLater = () => {
      timer = window.setTimeout(() => {
        if (isAwaitingGuest(latest.current?.status)) giveUpLater();
        else setGaveUpRound(round);
      }, MAX_POLL_MS);
    };
    giveUpLater();
    return () => window.clearTimeout(timer);
  }, [options.enabled, round]);

  useEffect(() => {
    if (!active) return;
    if (latest.current?.key !== key) {
      // The server-rendered status is fresh: the first poll waits one interval.
      latest.current = {
        key,
        status: initial.current,
        at: initial.current ? Date.now() : 0,
        polls: 0,
      };
    }
    const state = latest.current;
    const controller = new AbortController();
    let timer: number | undefined;
    let polling = false;

    const poll = async () => {
      timer = undefined;
      polling = true;
      let rateLimitedMs = 0;
      try {
        const next = await fetchStatusWithRetry(token, controller.signal);
        if (controller.signal.aborted) return;
        state.status = next;
        state.at = Date.now();
        setAnswer({ key, status: next });
      } catch (error) {
        if (controller.signal.aborted) return;
        if (error instanceof RateLimitedError) rateLimitedMs = error.retryAfterMs;
      } finally {
        polling = false;
      }
      state.polls += 1;
      schedule(nextInterval(state.polls, rateLimitedMs));
    };
    const schedule = (delayMs: number) => {
      if (isSettled(state.status)) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        // A hidden tab does not poll; coming back catches up (below).
        if (document.visibilityState !== 'hidden') void poll();
      }, delayMs);
    };
    const onVisibilityChange = () => {
      if (document.visibilityState === 'hidden' || polling || isSettled(state.status)) return;
      if (Date.now() - state.at < FIRST_INTERVAL_MS) {
        if (timer === undefined) schedule(nextInterval(state.polls, 0));
        return;
      }
      window.clearTimeout(timer);
      void poll();
    };

    // A new round ("check again") or a wait without a server-rendered status asks at once.
    if (round > 0 || !state.status) void poll();
    else schedule(nextInterval(state.polls, 0));
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [active, key, round, token]);

  const checkAgain = useCallback(() => setRound((r) => r + 1), []);

  const settled = isSettled(status);
  return { status, settled, gaveUp: gaveUp && !settled, checkAgain };
}
