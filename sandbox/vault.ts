import { randomInt } from 'node:crypto';
import { ApiError, refused } from './connector/context';
import { enterpriseByPublicKey } from './seed';
import type { SandboxStore, VaultEntry } from './state';
import { detectBrand, findTestCard, luhnValid, maskCard } from './test-cards';

/**
 * The fake PCI Proxy vault. The card-number frame posts the card here (sandbox origin only);
 * the vault keeps the masked number, brand and test-card outcome under an 18-digit
 * `transactionId`, and forgets the card number and CVV at once. `creditCards/addTokenized`
 * redeems the id, as Mews does against PCI Proxy.
 */

export const TRANSACTION_ID_TTL_MS = 30 * 60 * 1000;

export interface TokenizeInput {
  merchantId: string;
  cardNumber: string;
  cvv: string;
  expm?: string | number | null;
  expy?: string | number | null;
}

export type TokenizeResult =
  | { ok: true; transactionId: string; entry: VaultEntry }
  | { ok: false; status: 400 | 403; error: string; field?: 'cardNumber' | 'cvv' };

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** PCI Proxy ids start with a `YYMMDDhhmmss` timestamp, then 6 random digits. */
function newTransactionId(store: SandboxStore): string {
  const d = new Date(store.nowMs());
  const stamp = `${pad2(d.getUTCFullYear() % 100)}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}`;
  for (;;) {
    const id = `${stamp}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    if (!store.state.vault.some((e) => e.transactionId === id)) return id;
  }
}

export function tokenize(store: SandboxStore, input: TokenizeInput): TokenizeResult {
  if (!enterpriseByPublicKey(input.merchantId))
    return { ok: false, status: 403, error: 'Invalid merchantId' };
  const pan = input.cardNumber.replace(/\s/g, '');
  const brand = detectBrand(pan);
  const card = findTestCard(pan);
  if (!brand || !luhnValid(pan) || !card) {
    // Like PCI Proxy's sandbox: only the published test cards can be tokenized.
    return { ok: false, status: 400, error: 'Invalid card number', field: 'cardNumber' };
  }
  const cvv = input.cvv.trim();
  if (
    card.cvvLength === 0
      ? cvv !== '' && !/^\d{3}$/.test(cvv)
      : !new RegExp(`^\\d{${card.cvvLength}}$`).test(cvv)
  ) {
    return { ok: false, status: 400, error: 'Invalid CVV', field: 'cvv' };
  }
  const entry: VaultEntry = {
    transactionId: newTransactionId(store),
    merchantId: input.merchantId,
    createdAtMs: store.nowMs(),
    usedAtMs: null,
    maskedCard: maskCard(pan),
    brand: card.brand,
    cardInfo: card.cardInfo,
    outcome: card.outcome,
    refundOutcome: card.refund,
    expm: input.expm == null || input.expm === '' ? null : pad2(Number(input.expm)),
    expy: input.expy == null || input.expy === '' ? null : pad2(Number(input.expy) % 100),
  };
  store.state.vault.push(entry);
  store.save();
  return { ok: true, transactionId: entry.transactionId, entry };
}

/**
 * What Mews does with `StorageData`: look the id up with its own merchantId ("Tokenization not
 * found" on an unknown id or another merchant's id), refuse it after 30 minutes ("Tokenization
 * expired") and, in this sandbox, after it has been used once.
 */
export function redeemTransactionId(
  store: SandboxStore,
  transactionId: string,
  merchantId: string,
): VaultEntry {
  const entry = store.state.vault.find((e) => e.transactionId === transactionId);
  if (!entry || entry.merchantId !== merchantId) {
    throw new ApiError(400, 'Invalid StorageData.', 'Tokenization not found');
  }
  if (store.nowMs() - entry.createdAtMs > TRANSACTION_ID_TTL_MS) {
    throw refused(
      'The card details have expired. Please enter the card again. (Tokenization expired)',
    );
  }
  if (entry.usedAtMs !== null) {
    throw refused(
      'The card details have already been used. Please enter the card again. (Tokenization already used)',
    );
  }
  entry.usedAtMs = store.nowMs();
  return entry;
}
