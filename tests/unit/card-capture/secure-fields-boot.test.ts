import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { secureFieldsBootScript } from '@/lib/card-capture/secure-fields-boot';
import {
  initTokenizeArguments,
  type SecureFieldsBoot,
  type SecureFieldsSetup,
} from '@/lib/card-capture/secure-fields-setup';

const SETUP: SecureFieldsSetup = {
  scriptUrl: 'https://pay.sandbox.datatrans.com/upp/payment/js/secure-fields-2.0.0.js',
  merchantId: '1100016827',
  cardNumberElementId: 'card-number',
  cvvElementId: 'card-cvv',
  labels: {
    cardNumber: 'Card number',
    cvv: 'Security code (CVC)',
    cardNumberPlaceholder: '1234 1234 1234 1234',
    cvvPlaceholder: '123',
  },
};

type Handler = (payload?: unknown) => void;

/** A page as the boot script sees it: placeholders, <head>, and (maybe) the library. */
function page(options: { library?: boolean; placeholders?: boolean; readyState?: string } = {}) {
  const handlers: Record<string, Handler> = {};
  const instance = {
    on: vi.fn((name: string, h: Handler) => (handlers[name] = h)),
    initTokenize: vi.fn(),
  };
  const scripts: Array<{
    src?: string;
    async?: boolean;
    onload?: () => void;
    onerror?: () => void;
  }> = [];
  const window: Record<string, unknown> = {};
  const SecureFields = vi.fn(function SecureFields() {
    return instance;
  });
  if (options.library) window.SecureFields = SecureFields;
  const document = {
    readyState: options.readyState ?? 'loading',
    getElementById: (id: string) => (options.placeholders === false ? null : { id }),
    addEventListener: vi.fn(),
    createElement: () => {
      const script = {};
      scripts.push(script);
      return script;
    },
    head: { appendChild: vi.fn() },
  };
  return {
    window,
    run: () => runInNewContext(secureFieldsBootScript(SETUP), { window, document }),
    boot: () => window.__secureFieldsBoot as SecureFieldsBoot,
    handlers,
    instance,
    scripts,
    SecureFields,
    loadLibrary: () => (window.SecureFields = SecureFields),
  };
}

describe('the pay page boot script for Secure Fields', () => {
  it('cannot be broken out of by what a translation says', () => {
    const script = secureFieldsBootScript({
      ...SETUP,
      labels: { ...SETUP.labels, cvv: '</script><script>alert(1)</script>\u2028' },
    });
    expect(script).not.toMatch(/<\/script/i);
    expect(script).not.toContain('<');
    expect(script).not.toContain('\u2028');
  });

  it('fetches the library, then starts exactly the fields the form would', () => {
    const p = page();
    p.run();
    expect(p.scripts).toHaveLength(1);
    expect(p.scripts[0]).toMatchObject({ src: SETUP.scriptUrl, async: true });
    expect(p.boot().state).toBe('loading');

    p.loadLibrary();
    p.scripts[0]?.onload?.();
    expect(p.SecureFields).toHaveBeenCalledTimes(1);
    expect(p.instance.initTokenize).toHaveBeenCalledWith(
      ...JSON.parse(JSON.stringify(initTokenizeArguments(SETUP))),
    );
    expect(p.boot().state).toBe('started');
  });

  it('keeps what the library says until the form takes over, then forwards it', () => {
    const p = page({ library: true });
    p.run();
    const change = {
      fields: { cardNumber: { length: 4, valid: false } },
      event: { field: 'cardNumber', type: 'input' },
    };
    p.handlers.change?.(change);
    p.handlers.ready?.();
    expect(p.boot().state).toBe('ready');
    expect(p.boot().last.change).toEqual(change);

    const success = vi.fn();
    p.boot().handlers = { success };
    p.handlers.success?.({ transactionId: '123456789012345678' });
    expect(success).toHaveBeenCalledWith({ transactionId: '123456789012345678' });
  });

  it('runs once however often the page renders it', () => {
    const p = page({ library: true });
    p.run();
    p.run();
    expect(p.SecureFields).toHaveBeenCalledTimes(1);
  });

  it('says so when the library cannot be loaded, or an error comes before ready', () => {
    const blocked = page();
    blocked.run();
    const error = vi.fn();
    blocked.boot().handlers = { error };
    blocked.scripts[0]?.onerror?.();
    expect(blocked.boot().state).toBe('failed');
    expect(error).toHaveBeenCalledTimes(1);

    const refused = page({ library: true });
    refused.run();
    refused.handlers.error?.({ message: 'merchant unknown' });
    expect(refused.boot().state).toBe('failed');
  });

  it('waits for the placeholders while the page is parsed, and gives up once it is', () => {
    const parsing = page({ library: true, placeholders: false, readyState: 'loading' });
    parsing.run();
    expect(parsing.SecureFields).not.toHaveBeenCalled();
    expect(parsing.boot().state).toBe('loading');

    const parsed = page({ library: true, placeholders: false, readyState: 'complete' });
    parsed.run();
    expect(parsed.SecureFields).not.toHaveBeenCalled();
    expect(parsed.boot().state).toBe('failed');
  });
});
