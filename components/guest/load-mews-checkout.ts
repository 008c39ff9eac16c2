/**
 * Mews Payments Checkout's browser SDK (`checkout-embed.js`), as far as Mews documents it
 * (mews-payments-checkout.md §1.3–§1.5): a global `Mews.PaymentCheckout` with `load` and `destroy`,
 * and flat callback events. Nothing else of the script (its iframe, its messages) is relied on.
 */

export interface MewsCheckoutSuccessEvent {
  type: string;
  paymentId?: unknown;
  paymentMethodId?: unknown;
}

export interface MewsCheckoutFailureEvent {
  type: string;
  /** Free text for logs, not a code (Mews: branch on `type` only). */
  error?: unknown;
}

/** The subset of Mews' `styles` tokens the pay page sets (§1.8). */
export interface MewsCheckoutStyles {
  global?: {
    borderRadius?: number;
    container?: { minWidth?: string; maxWidth?: string; width?: string; minHeight?: string };
  };
  paymentMethodsSelection?: {
    selected?: { borderColor?: string; hover?: { borderColor?: string } };
  };
  button?: {
    backgroundColor?: string;
    textColor?: string;
    hover?: { backgroundColor?: string };
    active?: { backgroundColor?: string };
  };
  input?: { focus?: { borderColor?: string } };
  spinner?: { primaryColor?: string };
}

export interface MewsCheckoutConfiguration {
  containerId: string;
  requestId: string;
  languageCode?: string;
  enableTracking?: boolean;
  idealRedirectUrl?: string;
  enabledPaymentMethods?: string[];
  dataBaseUrl?: string;
  styles?: MewsCheckoutStyles;
  onSuccess?: (event: MewsCheckoutSuccessEvent) => void;
  onFailure?: (event: MewsCheckoutFailureEvent) => void;
}

export interface MewsPaymentCheckout {
  load(configuration: MewsCheckoutConfiguration): void;
  destroy(): void;
}

declare global {
  interface Window {
    Mews?: { PaymentCheckout?: MewsPaymentCheckout };
  }
}

const loading = new Map<string, Promise<MewsPaymentCheckout>>();
/** Mews documents no ready event: after the script ran, the global is looked for this often. */
const GLOBAL_POLL_MS = 50;

/**
 * The nonce of the page's own scripts, when the browser still exposes it (`.nonce`; the attribute
 * itself reads empty). The script is inserted by our nonced bundle, which 'strict-dynamic' trusts
 * already (lib/security/content-security-policy.ts); the nonce is for browsers without it.
 */
function pageNonce(): string | undefined {
  for (const script of document.querySelectorAll<HTMLScriptElement>('script[nonce]')) {
    if (script.nonce) return script.nonce;
  }
  return undefined;
}

/**
 * Loads Mews' script once per URL, as a plain `<script src>` in `<head>` (Mews deploys it itself:
 * no bundling, no integrity hash), and resolves once `window.Mews.PaymentCheckout` exists. A
 * script that fails to load, or never defines the global, rejects (and may be asked for again), so
 * the page can say so instead of waiting forever.
 */
export function loadMewsCheckout(
  scriptUrl: string,
  timeoutMs = 20_000,
): Promise<MewsPaymentCheckout> {
  const existing = loading.get(scriptUrl);
  if (existing) return existing;

  const promise = new Promise<MewsPaymentCheckout>((resolve, reject) => {
    const api = () => window.Mews?.PaymentCheckout;
    const ready = api();
    if (ready) {
      resolve(ready);
      return;
    }
    const script = document.createElement('script');
    script.src = scriptUrl;
    script.async = true;
    const nonce = pageNonce();
    if (nonce) script.nonce = nonce;
    let poll: number | undefined;
    const timer = window.setTimeout(
      () => fail(new Error('Mews Payments Checkout script timed out')),
      timeoutMs,
    );
    function fail(error: Error) {
      window.clearTimeout(timer);
      window.clearInterval(poll);
      script.remove();
      loading.delete(scriptUrl);
      reject(error);
    }
    function succeed(checkout: MewsPaymentCheckout) {
      window.clearTimeout(timer);
      window.clearInterval(poll);
      resolve(checkout);
    }
    script.onload = () => {
      const now = api();
      if (now) {
        succeed(now);
        return;
      }
      // It "loads asynchronously and then defines the global" (§1.3): wait for it, up to the timeout.
      poll = window.setInterval(() => {
        const later = api();
        if (later) succeed(later);
      }, GLOBAL_POLL_MS);
    };
    script.onerror = () => fail(new Error('Mews Payments Checkout script could not be loaded'));
    document.head.appendChild(script);
  });
  loading.set(scriptUrl, promise);
  return promise;
}
