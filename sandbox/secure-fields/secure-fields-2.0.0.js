/*
 * Mews Checkout offline sandbox: stand-in for PCI Proxy's secure-fields-2.0.0.js.
 *
 * Same global (`SecureFields`), methods and event payloads as the real library, so the app's card
 * form runs unchanged against it. The card number and CVV inputs live in iframes served from the
 * sandbox origin (the origin this script was loaded from); this page only ever receives field
 * states (lengths, validity, brand), never the values. Messages go both ways through postMessage
 * with an explicit target origin, and incoming messages are checked against that origin.
 */
(function () {
  'use strict';

  var currentScript = document.currentScript;
  var scriptUrl = new URL(
    currentScript ? currentScript.src : '/secure-fields/secure-fields-2.0.0.js',
    location.href,
  );
  var FRAME_ORIGIN = scriptUrl.origin;
  var FRAME_URL = new URL('/secure-fields/field.html', scriptUrl).href;
  var KNOWN_FIELDS = ['cardNumber', 'cvv'];
  var EVENTS = ['ready', 'change', 'validate', 'success', 'error', 'cardInfo'];

  function copyFields(states) {
    var out = {};
    Object.keys(states).forEach(function (name) {
      var s = states[name];
      var copy = { length: s.length, valid: s.valid };
      if (name === 'cardNumber') {
        if (s.paymentMethod) copy.paymentMethod = s.paymentMethod;
        if (s.coBrand) copy.coBrand = s.coBrand;
      }
      out[name] = copy;
    });
    return out;
  }

  function hasErrors(states) {
    return Object.keys(states).some(function (name) {
      return !states[name].valid;
    });
  }

  function SecureFields() {
    this._id = 'sf-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10);
    this._handlers = {};
    this._frames = {};
    this._states = {};
    this._ready = false;
    this._initialized = false;
    this._destroyed = false;
    this._failed = false;
    this._options = {};
    this._cardInfoCallbacks = [];
    this._listener = this._onMessage.bind(this);
  }

  /** PCI Proxy customers (and the Mews flow): tokenization only, keyed by the merchantId. */
  SecureFields.prototype.initTokenize = function (merchantId, fields, options) {
    this._init(String(merchantId == null ? '' : merchantId), fields, options || {});
    return this;
  };

  /** The payment-gateway flow needs a server-side init with merchant credentials: not simulated. */
  SecureFields.prototype.init = function () {
    this._fail(
      'init(transactionId) is not available in the Mews sandbox; use initTokenize(merchantId, fields, options).',
    );
    return this;
  };

  SecureFields.prototype._init = function (merchantId, fields, options) {
    if (this._destroyed) return;
    if (this._initialized) {
      this._fail(
        'This SecureFields instance is already initialized; create a new one or destroy() it first.',
      );
      return;
    }
    this._initialized = true;
    this._options = options;
    var self = this;
    var names = Object.keys(fields || {});
    if (names.length === 0 || (names.indexOf('cardNumber') < 0 && names.indexOf('cvv') < 0)) {
      this._fail('No card fields given: expected cardNumber and/or cvv.');
      return;
    }
    for (var i = 0; i < names.length; i++) {
      if (KNOWN_FIELDS.indexOf(names[i]) < 0) {
        this._fail('Unknown field name "' + names[i] + '".');
        return;
      }
    }
    var placements = [];
    for (var j = 0; j < names.length; j++) {
      var name = names[j];
      var spec = fields[name];
      var config = typeof spec === 'string' ? { placeholderElementId: spec } : spec || {};
      var elementId = String(config.placeholderElementId || '').replace(/^#/, '');
      var placeholder = elementId ? document.getElementById(elementId) : null;
      if (!placeholder) {
        this._fail('Placeholder element "' + elementId + '" for field ' + name + ' was not found.');
        return;
      }
      placements.push({ name: name, config: config, placeholder: placeholder });
    }
    window.addEventListener('message', this._listener);
    placements.forEach(function (p) {
      self._states[p.name] =
        p.name === 'cardNumber' ? { length: 0, valid: false } : { length: 0, valid: false };
      var params = new URLSearchParams({
        field: p.name,
        instance: self._id,
        merchantId: merchantId,
        parentOrigin: location.origin,
        fields: names.join(','),
      });
      if (p.config.inputType) params.set('inputType', String(p.config.inputType));
      if (p.config.placeholder) params.set('placeholder', String(p.config.placeholder));
      if (p.config.ariaLabel) params.set('ariaLabel', String(p.config.ariaLabel));
      if (Array.isArray(options.paymentMethods))
        params.set('paymentMethods', options.paymentMethods.join(','));
      var iframe = document.createElement('iframe');
      iframe.src = FRAME_URL + '?' + params.toString();
      iframe.title = p.config.iframeTitle || (p.name === 'cardNumber' ? 'Card number' : 'CVV');
      iframe.name = self._id + '-' + p.name;
      iframe.setAttribute('frameborder', '0');
      iframe.setAttribute('scrolling', 'no');
      iframe.setAttribute('allowtransparency', 'true');
      iframe.style.cssText =
        'border:0;width:100%;height:100%;min-height:1.8em;display:block;background:transparent;';
      p.placeholder.appendChild(iframe);
      self._frames[p.name] = { iframe: iframe, loaded: false };
    });
  };

  SecureFields.prototype.on = function (eventName, handler) {
    if (typeof handler !== 'function') return this;
    // Handlers accumulate like the real library's (there is no off), so duplicate registrations show.
    (this._handlers[eventName] = this._handlers[eventName] || []).push(handler);
    return this;
  };

  SecureFields.prototype._emit = function (eventName, payload) {
    var self = this;
    setTimeout(function () {
      if (self._destroyed) return;
      (self._handlers[eventName] || []).slice().forEach(function (handler) {
        try {
          handler(payload);
        } catch (e) {
          setTimeout(function () {
            throw e;
          });
        }
      });
    }, 0);
  };

  SecureFields.prototype._fail = function (message) {
    if (this._failed) return;
    this._failed = true;
    this._emit('error', { error: message, message: message });
  };

  SecureFields.prototype._post = function (field, message) {
    var frame = this._frames[field];
    if (!frame || !frame.iframe.contentWindow) return;
    message.sfInstance = this._id;
    frame.iframe.contentWindow.postMessage(message, FRAME_ORIGIN);
  };

  SecureFields.prototype._postAll = function (message) {
    var self = this;
    Object.keys(this._frames).forEach(function (field) {
      self._post(field, Object.assign({}, message));
    });
  };

  SecureFields.prototype._onMessage = function (event) {
    if (this._destroyed || event.origin !== FRAME_ORIGIN) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || data.sfInstance !== this._id) return;
    switch (data.type) {
      case 'loaded': {
        var frame = this._frames[data.field];
        if (!frame) return;
        frame.loaded = true;
        var self = this;
        var allLoaded = Object.keys(this._frames).every(function (f) {
          return self._frames[f].loaded;
        });
        if (allLoaded && !this._ready && !this._failed) {
          this._ready = true;
          var styles = this._options.styles || {};
          Object.keys(styles).forEach(function (selector) {
            self.setStyle(selector, styles[selector]);
          });
          if (this._options.focus) this.focus(this._options.focus);
          this._emit('ready');
        }
        return;
      }
      case 'init-error':
        this._fail(String(data.message || 'Initialization failed'));
        return;
      case 'state':
        if (this._states[data.field]) this._states[data.field] = data.state;
        return;
      case 'change': {
        if (!this._states[data.field]) return;
        this._states[data.field] = data.state;
        var ev = { field: data.field, type: data.eventType };
        if (data.eventData) ev.eventData = data.eventData;
        this._emit('change', {
          fields: copyFields(this._states),
          hasErrors: hasErrors(this._states),
          event: ev,
        });
        return;
      }
      case 'validate': {
        var fields = data.fields || {};
        var selfV = this;
        Object.keys(fields).forEach(function (f) {
          if (selfV._states[f]) selfV._states[f] = fields[f];
        });
        this._emit('validate', {
          fields: copyFields(this._states),
          hasErrors: hasErrors(this._states),
        });
        return;
      }
      case 'success': {
        var result = { result: 'success', transactionId: String(data.transactionId) };
        if (data.cardInfo) result.cardInfo = data.cardInfo;
        this._emit('success', result);
        return;
      }
      case 'tokenize-error':
        this._emit('error', {
          error: String(data.message),
          message: String(data.message),
          field: data.field || undefined,
        });
        return;
      case 'cardInfo': {
        var payload = { event: 'cardInfo', data: data.data };
        var callbacks = this._cardInfoCallbacks.splice(0);
        var selfC = this;
        if (callbacks.length > 0) {
          callbacks.forEach(function (cb) {
            setTimeout(function () {
              if (!selfC._destroyed) cb(payload);
            }, 0);
          });
        } else {
          this._emit('cardInfo', payload);
        }
        return;
      }
      default:
        return;
    }
  };

  SecureFields.prototype.submit = function (data) {
    if (this._destroyed) return;
    if (!this._ready) {
      this._fail('submit() called before the fields are ready.');
      return;
    }
    var d = data || {};
    var target = this._frames.cardNumber ? 'cardNumber' : 'cvv';
    this._post(target, {
      type: 'submit',
      expm: d.expm == null ? null : String(d.expm),
      expy: d.expy == null ? null : String(d.expy),
    });
  };

  SecureFields.prototype.setStyle = function (selector, css) {
    if (this._destroyed) return;
    if (css && typeof css === 'object') {
      css = Object.keys(css)
        .map(function (k) {
          return (
            k.replace(/[A-Z]/g, function (m) {
              return '-' + m.toLowerCase();
            }) +
            ':' +
            css[k]
          );
        })
        .join(';');
    }
    this._postAll({ type: 'style', selector: String(selector), css: String(css || '') });
  };

  SecureFields.prototype.setPlaceholder = function (field, text) {
    if (this._destroyed) return;
    this._post(field, { type: 'placeholder', text: String(text == null ? '' : text) });
  };

  SecureFields.prototype.focus = function (field) {
    if (this._destroyed) return;
    var frame = this._frames[field];
    if (!frame) return;
    frame.iframe.focus();
    this._post(field, { type: 'focus' });
  };

  SecureFields.prototype.getCardInfo = function (callback) {
    if (this._destroyed) return;
    if (typeof callback === 'function') this._cardInfoCallbacks.push(callback);
    if (this._frames.cardNumber) this._post('cardNumber', { type: 'cardInfo' });
  };

  SecureFields.prototype.destroy = function () {
    if (this._destroyed) return;
    this._destroyed = true;
    window.removeEventListener('message', this._listener);
    var frames = this._frames;
    Object.keys(frames).forEach(function (f) {
      var iframe = frames[f].iframe;
      if (iframe.parentNode) iframe.parentNode.removeChild(iframe);
    });
    this._frames = {};
    this._handlers = {};
    this._cardInfoCallbacks = [];
  };

  SecureFields.version = '2.0.0-mews-sandbox';
  SecureFields.EVENTS = EVENTS;
  window.SecureFields = SecureFields;
})();
