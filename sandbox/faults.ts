import { randomUUID } from 'node:crypto';
import { isOperationName } from './spec-validator';

/**
 * Fault injection per Connector API operation, so the app's behaviour under each failure Mews can
 * show can be tested: slow answers, rate limiting, server errors, "request too heavy", a request
 * that is never processed, and the worst one for money: processed, then the connection dropped.
 */

export const FAULT_KINDS = [
  'latency',
  '429',
  '500',
  '408',
  'timeout-before-processing',
  'drop-after-processing',
  'latency-after-processing',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  /** An operation name such as `creditCards/charge`, or `*` for every operation. */
  operation: string;
  kind: FaultKind;
  /** How many matching requests it affects; `always` (the default) until cleared. */
  count?: number | 'always';
  /** `latency` (before processing) and `latency-after-processing` (after it): added delay. */
  latencyMs?: number;
  /** `429`: the `Retry-After` header, in seconds (default 1). Use `null` to send none. */
  retryAfterSeconds?: number | null;
  /** `timeout-before-processing`: how long the request hangs before the connection is closed (default 30 000). */
  timeoutMs?: number;
}

export interface FaultRule extends Required<Pick<FaultSpec, 'operation' | 'kind'>> {
  id: string;
  remaining: number | 'always';
  latencyMs: number;
  retryAfterSeconds: number | null;
  timeoutMs: number;
  hits: number;
}

export class FaultError extends Error {}

export function normaliseFault(spec: FaultSpec): FaultRule {
  if (!FAULT_KINDS.includes(spec.kind))
    throw new FaultError(
      `Unknown fault kind "${String(spec.kind)}"; use one of ${FAULT_KINDS.join(', ')}`,
    );
  if (spec.operation !== '*' && !isOperationName(spec.operation)) {
    throw new FaultError(
      `Unknown operation "${spec.operation}"; use an operation name such as creditCards/charge, or *`,
    );
  }
  const count = spec.count ?? 'always';
  if (count !== 'always' && !(Number.isInteger(count) && count > 0))
    throw new FaultError('count must be a positive integer or "always"');
  return {
    id: randomUUID(),
    operation: spec.operation,
    kind: spec.kind,
    remaining: count,
    latencyMs: spec.latencyMs ?? 1000,
    retryAfterSeconds: spec.retryAfterSeconds === undefined ? 1 : spec.retryAfterSeconds,
    timeoutMs: spec.timeoutMs ?? 30_000,
    hits: 0,
  };
}

/**
 * `SANDBOX_FAULTS` format: comma-separated `operation=kind[@param][xcount]` entries, e.g.
 * `creditCards/charge=drop-after-processingx1,payments/getAll=latency@1500,*=429@10x3`.
 * `@param` is latencyMs for `latency` and `latency-after-processing`, Retry-After seconds for `429`, timeoutMs for
 * `timeout-before-processing`. A JSON array of fault specs is accepted too.
 */
export function parseFaultList(text: string): FaultSpec[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as FaultSpec[];
  return trimmed.split(',').map((entry) => {
    const kinds = [...FAULT_KINDS].sort((a, b) => b.length - a.length).join('|');
    const match = new RegExp(
      `^\\s*([^=\\s]+)\\s*=\\s*(${kinds})(?:@(\\d+))?(?:x(\\d+))?\\s*$`,
    ).exec(entry);
    if (!match)
      throw new FaultError(`Cannot read fault "${entry}"; expected operation=kind[@param][xcount]`);
    const [, operation = '', kind = '', param, count] = match;
    const spec: FaultSpec = {
      operation,
      kind: kind as FaultKind,
      count: count === undefined ? 'always' : Number(count),
    };
    if (param !== undefined) {
      const n = Number(param);
      if (kind === 'latency' || kind === 'latency-after-processing') spec.latencyMs = n;
      else if (kind === '429') spec.retryAfterSeconds = n;
      else if (kind === 'timeout-before-processing') spec.timeoutMs = n;
    }
    return spec;
  });
}

export interface AppliedFaults {
  /** Delay before the request is processed (`latency`). */
  latencyMs: number;
  /**
   * Delay after the request was processed, before the answer leaves (`latency-after-processing`):
   * the change already exists in the sandbox while the client still waits.
   */
  latencyAfterProcessingMs: number;
  /** At most one fault that changes the outcome; the first one added wins. */
  outcome: FaultRule | null;
}

export class FaultRegistry {
  private rules: FaultRule[] = [];

  add(spec: FaultSpec): FaultRule {
    const rule = normaliseFault(spec);
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  /** The faults that apply to this request, using up one of each matching rule's count. */
  take(operation: string): AppliedFaults {
    let latencyMs = 0;
    let latencyAfterProcessingMs = 0;
    let outcome: FaultRule | null = null;
    for (const rule of this.rules) {
      if (rule.operation !== '*' && rule.operation !== operation) continue;
      const combines = rule.kind === 'latency' || rule.kind === 'latency-after-processing';
      if (!combines && outcome !== null) continue;
      if (rule.remaining !== 'always') rule.remaining -= 1;
      rule.hits += 1;
      if (rule.kind === 'latency') latencyMs += rule.latencyMs;
      else if (rule.kind === 'latency-after-processing') latencyAfterProcessingMs += rule.latencyMs;
      else outcome = rule;
    }
    this.rules = this.rules.filter((r) => r.remaining === 'always' || r.remaining > 0);
    return { latencyMs, latencyAfterProcessingMs, outcome };
  }
}
