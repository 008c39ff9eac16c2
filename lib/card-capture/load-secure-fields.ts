import type { SecureFieldsConstructor } from './secure-fields-api';

/**
 * Loads the Secure Fields script once per URL. PCI Proxy requires the script to come straight from
 * its host (no bundling), so it is a plain <script> tag; a failed load rejects so the form can say
 * "card payment is unavailable" instead of waiting forever.
 */
const loading = new Map<string, Promise<SecureFieldsConstructor>>();

export function loadSecureFields(
  scriptUrl: string,
  timeoutMs = 15_000,
): Promise<SecureFieldsConstructor> {
  const existing = loading.get(scriptUrl);
  if (existing) return existing;

  const promise = new Promise<SecureFieldsConstructor>((resolve, reject) => {
    if (window.SecureFields) {
      resolve(window.SecureFields);
      return;
    }
    const script = document.createElement('script');
    script.src = scriptUrl;
    script.async = true;
    const timer = window.setTimeout(
      () => fail(new Error('Secure Fields script timed out')),
      timeoutMs,
    );
    function fail(error: Error) {
      window.clearTimeout(timer);
      script.remove();
      loading.delete(scriptUrl);
      reject(error);
    }
    script.onload = () => {
      window.clearTimeout(timer);
      if (window.SecureFields) resolve(window.SecureFields);
      else fail(new Error('Secure Fields script loaded but defined no SecureFields'));
    };
    script.onerror = () => fail(new Error('Secure Fields script could not be loaded'));
    document.head.appendChild(script);
  });
  loading.set(scriptUrl, promise);
  return promise;
}
