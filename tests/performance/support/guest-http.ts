import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { distDirOf } from '@/lib/cli/production-build';
import { SEED } from '@/sandbox/seed';
import { CARDS } from '@/sandbox/test-cards';
import { httpRequest } from './keep-alive-http';

/**
 * A guest paying by card over plain HTTP, doing what the browser does, without a browser:
 * load the pay page, tokenize the card with the Secure Fields stand-in (the card-number frame's
 * request, on the sandbox's origin), then call the pay page's server action with the token.
 */

/** The id Next.js gave a server action in this build (what the browser sends as `Next-Action`). */
export function serverActionId(
  exportedName: string,
  filename: string,
  root = process.cwd(),
): string {
  const manifestFile = path.join(distDirOf(root), 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.exportedName === exportedName && entry.filename === filename,
  );
  if (!found)
    throw new Error(`server action ${filename}#${exportedName} is not in ${manifestFile}`);
  return found[0];
}

export interface TokenizedTestCard {
  transactionId: string;
  maskedCard: string;
  brand: string;
}

/** The card-number frame's request: only the sandbox origin ever sees the number. */
export async function tokenizeCard(
  sandboxUrl: string,
  cardNumber: string = CARDS.visaCharged,
): Promise<TokenizedTestCard> {
  const response = await httpRequest(`${sandboxUrl}/secure-fields/api/tokenize`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      merchantId: SEED.enterprises.gross.publicKey,
      cardNumber,
      cvv: '123',
      expm: '12',
      expy: String((new Date().getUTCFullYear() + 3) % 100).padStart(2, '0'),
    }),
  });
  if (response.status !== 200) throw new Error(`tokenize: ${response.status} ${response.text}`);
  const body = JSON.parse(response.text) as {
    transactionId: string;
    maskedCard: string;
    paymentMethod: string;
  };
  return {
    transactionId: body.transactionId,
    maskedCard: body.maskedCard,
    brand: body.paymentMethod,
  };
}

/**
 * Each simulated guest comes from an address of their own, as real guests do behind the hotel's
 * reverse proxy; from one address the per-address guest limits would (rightly) stop the bench.
 */
export function guestAddress(guestNumber: number): string {
  return `10.${(guestNumber >> 16) & 255}.${(guestNumber >> 8) & 255}.${guestNumber & 255}`;
}

export class GuestHttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** GET /pay/<token>: the server-rendered page a guest opens from the link. */
export async function loadPayPage(appUrl: string, token: string, address: string): Promise<void> {
  const response = await httpRequest(`${appUrl}/pay/${encodeURIComponent(token)}`, {
    headers: { Accept: 'text/html', 'X-Forwarded-For': address },
  });
  const html = response.text;
  if (response.status !== 200)
    throw new GuestHttpError(`pay page: ${response.status}`, response.status);
  if (!html.includes('data-testid="pay-button"'))
    throw new GuestHttpError('pay page: no payment form', response.status);
}

export interface CardPaymentOutcome {
  /** The attempt state the action answered with (`succeeded`, `pending`, `failed`, ...). */
  state: string;
}

/**
 * Calls a server action of the pay page as React's client does: POST to the page with the action
 * id, the arguments as a JSON array, and the page's own origin (Next.js refuses cross-origin
 * actions). Answers the status and the React Flight text.
 */
export async function callPayPageAction(
  appUrl: string,
  token: string,
  actionId: string,
  args: unknown[],
  address?: string,
): Promise<{ status: number; text: string }> {
  return callServerAction(`${appUrl}/pay/${encodeURIComponent(token)}`, actionId, args, address);
}

/** A server action called on the page at `pageUrl`, as React's client calls it. */
export async function callServerAction(
  pageUrl: string,
  actionId: string,
  args: unknown[],
  address?: string,
): Promise<{ status: number; text: string }> {
  return httpRequest(pageUrl, {
    method: 'POST',
    headers: {
      'Next-Action': actionId,
      Accept: 'text/x-component',
      'Content-Type': 'text/plain;charset=UTF-8',
      Origin: new URL(pageUrl).origin,
      ...(address ? { 'X-Forwarded-For': address } : {}),
    },
    body: JSON.stringify(args),
  });
}

/** `submitCardPaymentAction` with a tokenized test card, from the guest's own address. */
export async function submitCardPaymentAction(
  appUrl: string,
  actionId: string,
  token: string,
  card: TokenizedTestCard,
  address: string,
  idempotencyKey: string = randomUUID(),
): Promise<CardPaymentOutcome> {
  const input = {
    token,
    idempotencyKey,
    card,
    cardholderName: 'Bench Guest',
    expiry: `12/${String((new Date().getUTCFullYear() + 3) % 100).padStart(2, '0')}`,
  };
  const { status, text } = await callPayPageAction(appUrl, token, actionId, [input], address);
  if (status !== 200)
    throw new GuestHttpError(`card payment action: ${status} ${text.slice(0, 300)}`, status);
  const result = actionResultOf(text);
  if (!result.ok)
    throw new GuestHttpError(
      `card payment refused: ${JSON.stringify(result.error).slice(0, 300)}`,
      200,
    );
  return { state: String((result.data as { state?: unknown }).state) };
}

/**
 * The action's return value from the React Flight answer: row `1` holds it as JSON for the plain
 * objects our actions return.
 */
function actionResultOf(
  flight: string,
): { ok: true; data: unknown } | { ok: false; error: unknown } {
  for (const row of flight.split('\n')) {
    if (!row.startsWith('1:')) continue;
    const value = JSON.parse(row.slice(2)) as { ok?: boolean; data?: unknown; error?: unknown };
    if (value.ok === true) return { ok: true, data: value.data };
    return { ok: false, error: value.error ?? value };
  }
  throw new GuestHttpError(`no action result in the answer: ${flight.slice(0, 300)}`, 200);
}

/** One guest's whole card payment: page, tokenization, payment. */
export async function payLinkByCard(
  appUrl: string,
  sandboxUrl: string,
  actionId: string,
  token: string,
  address: string,
): Promise<CardPaymentOutcome> {
  await loadPayPage(appUrl, token, address);
  const card = await tokenizeCard(sandboxUrl);
  return submitCardPaymentAction(appUrl, actionId, token, card, address);
}
