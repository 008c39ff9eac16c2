import { describe, expect, it } from 'vitest';
import { FaultRegistry, parseFaultList } from '@/sandbox/faults';
import { RateLimiter } from '@/sandbox/rate-limit';

describe('SANDBOX_FAULTS format', () => {
  it('reads operation=kind[@param][xcount] entries', () => {
    expect(
      parseFaultList(
        'creditCards/charge=drop-after-processingx1, payments/getAll=latency@1500,*=429@10x3',
      ),
    ).toEqual([
      { operation: 'creditCards/charge', kind: 'drop-after-processing', count: 1 },
      { operation: 'payments/getAll', kind: 'latency', count: 'always', latencyMs: 1500 },
      { operation: '*', kind: '429', count: 3, retryAfterSeconds: 10 },
    ]);
    expect(parseFaultList('')).toEqual([]);
    expect(parseFaultList('[{"operation":"*","kind":"500","count":2}]')).toEqual([
      { operation: '*', kind: '500', count: 2 },
    ]);
    expect(() => parseFaultList('nonsense')).toThrow(/operation=kind/);
  });
});

describe('FaultRegistry', () => {
  it('uses up counted faults, keeps "always" ones, and adds latency to an outcome fault', () => {
    const faults = new FaultRegistry();
    faults.add({ operation: 'creditCards/charge', kind: '500', count: 1 });
    faults.add({ operation: '*', kind: 'latency', latencyMs: 20 });
    expect(faults.take('creditCards/charge')).toMatchObject({
      latencyMs: 20,
      outcome: { kind: '500' },
    });
    expect(faults.take('creditCards/charge')).toMatchObject({ latencyMs: 20, outcome: null });
    expect(faults.list()).toHaveLength(1);
    expect(() => faults.add({ operation: 'nope/op', kind: '500' })).toThrow(/Unknown operation/);
  });
});

describe('RateLimiter', () => {
  it('allows 200 requests per sliding 30 s, per token, and says how long to wait', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 200; i++) expect(limiter.check('a', 1000 + i * 100)).toBeNull();
    expect(limiter.check('a', 21_000)).toBe(10);
    expect(limiter.check('b', 21_000)).toBeNull();
    // The oldest request (t=1000) leaves the window at t=31000.
    expect(limiter.check('a', 31_001)).toBeNull();
  });
});
