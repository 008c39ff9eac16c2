import {
  BOOT_EVENTS,
  bootKey,
  initTokenizeArguments,
  type SecureFieldsSetup,
} from './secure-fields-setup';

/**
 * The pay page's inline script that starts Secure Fields while the page is still being parsed,
 * instead of from a React effect after hydration: on a phone, hydration ends seconds after the
 * amount is painted, and the iframes (two more round trips to PCI Proxy) only started then. Run
 * from the server's HTML (with the CSP nonce), it fetches the library (preloaded from <head>), and
 * calls `initTokenize` as soon as the library and both placeholders exist. The form's hook adopts
 * that instance (lib/card-capture/use-secure-fields) and replays what the library said before it
 * was there; without the boot (a client-side render, the staff forms) the hook starts its own.
 *
 * Plain ES5 in a string: it runs before any bundle, in every browser the pay page supports.
 */
const BOOT_SOURCE = `(function (c) {
  var w = window;
  if (w.__secureFieldsBoot) return;
  var b = { key: c.key, state: 'loading', instance: null, handlers: {}, last: {}, onInstance: null, adopted: false };
  w.__secureFieldsBoot = b;
  function start() {
    if (b.instance || b.state === 'failed') return;
    var a = c.args;
    if (!document.getElementById(a[1].cardNumber.placeholderElementId) || !document.getElementById(a[1].cvv.placeholderElementId)) {
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
      else b.state = 'failed';
      return;
    }
    var i = new w.SecureFields();
    b.instance = i;
    b.state = 'started';
    c.events.forEach(function (name) {
      i.on(name, function (payload) {
        if (name === 'ready') b.state = 'ready';
        else if (name === 'error' && b.state !== 'ready') b.state = 'failed';
        b.last[name] = payload === undefined ? true : payload;
        var h = b.handlers[name];
        if (h) h(payload);
      });
    });
    if (b.onInstance) b.onInstance(i);
    i.initTokenize(a[0], a[1], a[2]);
  }
  function fail() {
    b.state = 'failed';
    var h = b.handlers.error;
    if (h) h({ boot: 'script' });
  }
  if (w.SecureFields) return start();
  var s = document.createElement('script');
  s.src = c.scriptUrl;
  s.async = true;
  s.onload = function () { if (w.SecureFields) start(); else fail(); };
  s.onerror = fail;
  document.head.appendChild(s);
})(CONFIG);`;

/** JSON that cannot close the <script> element it is written into, whatever the labels say. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function secureFieldsBootScript(setup: SecureFieldsSetup): string {
  const config = {
    key: bootKey(setup),
    scriptUrl: setup.scriptUrl,
    args: initTokenizeArguments(setup),
    events: BOOT_EVENTS,
  };
  return BOOT_SOURCE.replace('CONFIG', () => scriptSafeJson(config));
}
