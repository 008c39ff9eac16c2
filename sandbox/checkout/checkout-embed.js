/*
 * Mews Checkout offline sandbox: stand-in for https://cdn.mews.com/payments/checkout-embed.js
 * (Mews Payments Checkout). Defines window.Mews.PaymentCheckout with load(configuration) and
 * destroy(), like the real script. The checkout itself runs in an iframe on the sandbox origin;
 * the page and the frame talk only with postMessage, with the origin checked on both sides. The
 * message protocol is the sandbox's own (Mews documents none): apps must use load/destroy and the
 * callbacks only.
 */
(function () {
  'use strict';

  var PREFIX = '[Mews Payments Checkout sandbox]';
  var script = document.currentScript;
  var ORIGIN = null;
  try {
    ORIGIN = new URL(script && script.src ? script.src : '').origin;
  } catch {
    ORIGIN = null;
  }
  if (!ORIGIN) {
    console.error(PREFIX + ' cannot tell where it was loaded from; load it with <script src>.');
    return;
  }

  // Every documented key (Mews Payments Checkout README), deprecated aliases included.
  var KNOWN_KEYS = [
    'containerId',
    'requestId',
    'context',
    'dataBaseUrl',
    'onSuccess',
    'onFailure',
    'enableTracking',
    'idealRedirectUrl',
    'paymentId',
    'enabledPaymentMethods',
    'styles',
    'layout',
    'languageCode',
    'multicurrency',
    'payer',
    'paymentRequestId',
    'onPaymentSuccess',
    'onPaymentFailure',
  ];
  var SUCCESS_TYPES = ['payment-charged', 'payment-submitted', 'payment-method-collected'];
  var FAILURE_TYPES = ['payment-failure', 'payment-method-collection-failure'];

  var current = null;

  function later(fn) {
    setTimeout(fn, 0);
  }

  // A callback that throws must not break the checkout (its error still shows in the console).
  function invoke(fn, argument) {
    if (typeof fn !== 'function') return;
    try {
      fn(argument);
    } catch (error) {
      later(function () {
        throw error;
      });
    }
  }

  function destroy() {
    if (!current) return;
    var instance = current;
    current = null;
    instance.alive = false;
    window.removeEventListener('message', instance.listener);
    if (instance.iframe.parentNode) instance.iframe.parentNode.removeChild(instance.iframe);
  }

  function cssSize(value, fallback) {
    return typeof value === 'string' && /^[0-9.]+(px|rem|em|%|vw|vh)$/.test(value)
      ? value
      : fallback;
  }

  function success(config, data) {
    if (SUCCESS_TYPES.indexOf(data.type) < 0) return;
    var event = { type: data.type };
    if (data.type !== 'payment-method-collected') event.paymentId = String(data.paymentId);
    event.paymentMethodId = String(data.paymentMethodId);
    // The documented callback wins over its deprecated alias.
    if (typeof config.onSuccess === 'function') invoke(config.onSuccess, event);
    else if (typeof config.onPaymentSuccess === 'function' && event.paymentId)
      invoke(config.onPaymentSuccess, event.paymentId);
  }

  function failure(config, data) {
    if (FAILURE_TYPES.indexOf(data.type) < 0) return;
    var event = { type: data.type, error: String(data.error) };
    if (typeof config.onFailure === 'function') invoke(config.onFailure, event);
    else if (typeof config.onPaymentFailure === 'function') invoke(config.onPaymentFailure, event);
  }

  function load(configuration) {
    destroy();
    var config = configuration && typeof configuration === 'object' ? configuration : {};
    Object.keys(config).forEach(function (key) {
      if (KNOWN_KEYS.indexOf(key) < 0)
        console.warn(PREFIX + ' unknown configuration key "' + key + '" is ignored.');
    });
    if (config.dataBaseUrl)
      console.warn(
        PREFIX +
          ' dataBaseUrl is set (' +
          config.dataBaseUrl +
          '): with real Mews this sends guests to the DEMO environment. The sandbox ignores it.',
      );
    var container = document.getElementById(config.containerId);
    if (!container) {
      console.error(PREFIX + ' no element with id "' + config.containerId + '".');
      return;
    }
    var requestId = config.requestId || config.paymentRequestId || null;
    var query = new URLSearchParams(window.location.search);
    var paymentId = config.paymentId || query.get('paymentId');

    var params = new URLSearchParams();
    params.set('parentOrigin', window.location.origin);
    params.set('parentUrl', window.location.href);
    if (requestId) params.set('requestId', String(requestId));
    if (paymentId) params.set('paymentId', String(paymentId));
    if (config.languageCode) params.set('languageCode', String(config.languageCode));
    if (Array.isArray(config.enabledPaymentMethods))
      params.set('enabledPaymentMethods', config.enabledPaymentMethods.join(','));
    if (config.idealRedirectUrl) params.set('idealRedirectUrl', String(config.idealRedirectUrl));
    if (config.styles) params.set('styles', JSON.stringify(config.styles));
    if (config.layout) params.set('layout', JSON.stringify(config.layout));
    if (config.context && !requestId) params.set('context', '1');

    var box = (config.styles && config.styles.global && config.styles.global.container) || {};
    var iframe = document.createElement('iframe');
    iframe.title = 'Mews Payments Checkout (sandbox stand-in)';
    iframe.setAttribute('allow', 'payment');
    iframe.style.border = '0';
    iframe.style.display = 'block';
    iframe.style.width = cssSize(box.width, '100%');
    iframe.style.maxWidth = cssSize(box.maxWidth, '640px');
    // Never wider than the container, so a 390 px phone does not scroll sideways.
    iframe.style.minWidth = 'min(' + cssSize(box.minWidth, '320px') + ', 100%)';
    iframe.style.minHeight = cssSize(box.minHeight, '560px');
    iframe.src = ORIGIN + '/payments/checkout/frame?' + params.toString();

    var instance = { iframe: iframe, alive: true, config: config, listener: null };
    instance.listener = function (event) {
      if (!instance.alive) return;
      if (event.origin !== ORIGIN || event.source !== iframe.contentWindow) return;
      var data = event.data;
      if (!data || typeof data !== 'object' || data.source !== 'mews-checkout-sandbox') return;
      if (data.type === 'resize' && typeof data.height === 'number') {
        iframe.style.height = Math.ceil(data.height) + 'px';
      } else if (data.type === 'success') {
        success(config, data.event || {});
      } else if (data.type === 'failure') {
        failure(config, data.event || {});
      } else if (data.type === 'navigate' && typeof data.url === 'string') {
        // Only to the sandbox's own pages (the iDEAL bank), never anywhere a frame asks.
        var target;
        try {
          target = new URL(data.url);
        } catch {
          return;
        }
        if (target.origin !== ORIGIN) return;
        window.location.assign(target.href);
      }
    };
    window.addEventListener('message', instance.listener);
    container.appendChild(iframe);
    current = instance;
  }

  window.Mews = window.Mews || {};
  window.Mews.PaymentCheckout = { load: load, destroy: destroy };
})();
