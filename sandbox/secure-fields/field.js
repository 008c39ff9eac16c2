/*
 * Mews Checkout offline sandbox: the code inside one Secure Fields iframe (card number or CVV).
 *
 * The value typed here stays in this document (sandbox origin). The parent page gets only the
 * field state; the card number and CVV go to the sandbox vault with a same-origin fetch from the
 * card-number frame. The two frames of one instance find each other through parent.frames and
 * talk with postMessage restricted to this origin.
 */
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('sf-config').textContent);
  var FIELD = config.field;
  var INSTANCE = config.instance;
  var PARENT_ORIGIN = config.parentOrigin;
  var OWN_ORIGIN = location.origin;
  var TEST_CARDS = config.testCards;
  var FIELDS = config.fields;
  var allowedBrands = config.paymentMethods;

  var input = document.getElementById('field');
  var styleElement = document.getElementById('sf-styles');
  var styles = {};
  var siblingBrand = null;
  var pendingCvvRequests = {};
  var submitting = false;

  function digits() {
    return input.value.replace(/\D/g, '');
  }

  // Brand by prefix while typing, like the real field (paymentMethod shows before the number is complete).
  function detectBrand(n) {
    if (/^(4011|4312|4389|4514|4576|5041|5066|5067|509|6277|6362|6363|650|6516|6550)/.test(n))
      return 'ELO';
    if (/^(3841|606282)/.test(n)) return 'HCP';
    if (/^4/.test(n)) return 'VIS';
    if (/^(5[1-5]|2(2[2-9]|[3-6]|7[01]|720))/.test(n)) return 'ECA';
    if (/^3[47]/.test(n)) return 'AMX';
    if (/^3(0[0-59]|[689])/.test(n)) return 'DIN';
    if (/^6(011|5|4[4-9])/.test(n)) return 'DIS';
    if (/^35(2[89]|[3-8])/.test(n)) return 'JCB';
    if (/^62/.test(n)) return 'CUP';
    return null;
  }

  function luhn(n) {
    var sum = 0;
    var dbl = false;
    for (var i = n.length - 1; i >= 0; i--) {
      var d = Number(n.charAt(i));
      if (dbl) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
      dbl = !dbl;
    }
    return n.length > 0 && sum % 10 === 0;
  }

  function testCard(n) {
    for (var i = 0; i < TEST_CARDS.length; i++) if (TEST_CARDS[i].pan === n) return TEST_CARDS[i];
    return null;
  }

  function cardNumberState() {
    var n = digits();
    var brand = n.length > 0 ? detectBrand(n) : null;
    var card = testCard(n);
    var brandAllowed = !brand || !allowedBrands || allowedBrands.indexOf(brand) >= 0;
    // Only the published test cards are valid, as in PCI Proxy's sandbox.
    var valid = !!(card && luhn(n) && brandAllowed);
    var state = { length: n.length, valid: valid };
    if (brand) state.paymentMethod = brand;
    return state;
  }

  function cvvLengthFor(brand) {
    if (brand === 'AMX') return [4];
    if (brand === 'CUP') return [0, 3];
    if (!brand) return [3, 4];
    return [3];
  }

  function cvvState() {
    var n = digits();
    var allowed = cvvLengthFor(siblingBrand);
    return {
      length: n.length,
      valid: allowed.indexOf(n.length) >= 0 && (n.length > 0 || allowed.indexOf(0) >= 0),
    };
  }

  function state() {
    return FIELD === 'cardNumber' ? cardNumberState() : cvvState();
  }

  function toParent(message) {
    message.sfInstance = INSTANCE;
    message.field = FIELD;
    window.parent.postMessage(message, PARENT_ORIGIN);
  }

  function toSiblings(message) {
    message.sfInstance = INSTANCE;
    message.from = FIELD;
    var frames = window.parent.frames;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i] === window) continue;
      try {
        frames[i].postMessage(message, OWN_ORIGIN);
      } catch (e) {
        // A frame of another origin: the target origin keeps our message from it anyway.
      }
    }
  }

  function updateClasses() {
    var s = state();
    input.classList.toggle('empty', s.length === 0);
    input.classList.toggle('valid', s.valid);
    input.classList.toggle('invalid', !s.valid && s.length > 0);
    input.classList.toggle('identified', FIELD === 'cardNumber' && !!s.paymentMethod);
  }

  function change(type, eventData) {
    updateClasses();
    var message = { type: 'change', state: state(), eventType: type };
    if (eventData) message.eventData = eventData;
    toParent(message);
  }

  function renderStyles() {
    var css = '';
    Object.keys(styles).forEach(function (selector) {
      var match = /^(\*|cardNumber|cvv)?((?:\.[a-zA-Z-]+)*)((?:::?[a-zA-Z-]+)*)$/.exec(selector);
      if (!match) return;
      var target = match[1] || '*';
      if (target !== '*' && target !== FIELD) return;
      var declarations = String(styles[selector]).replace(/[{}<>]/g, '');
      css += 'input' + match[2] + match[3] + '{' + declarations + '}\n';
    });
    styleElement.textContent = css;
  }

  function maskedCard(n) {
    if (n.length < 12) return null;
    return n.slice(0, 6) + new Array(n.length - 9).join('x') + n.slice(-4);
  }

  function cardInfoData() {
    var n = digits();
    var card = testCard(n);
    var brand = detectBrand(n);
    return {
      cardInfo: card ? card.cardInfo : null,
      maskedCard: card ? maskedCard(n) : null,
      paymentMethod: brand,
    };
  }

  function askCvv() {
    return new Promise(function (resolve) {
      if (FIELDS.indexOf('cvv') < 0) {
        resolve(null);
        return;
      }
      var requestId = Math.random().toString(36).slice(2);
      var timer = setTimeout(function () {
        delete pendingCvvRequests[requestId];
        resolve(null);
      }, 2000);
      pendingCvvRequests[requestId] = function (value) {
        clearTimeout(timer);
        resolve(value);
      };
      toSiblings({ type: 'sibling-cvv-request', requestId: requestId });
    });
  }

  function submit(expm, expy) {
    if (FIELD !== 'cardNumber') {
      // A CVV-only instance validates its own field; re-collecting a CVV is not tokenized here.
      var only = {};
      only.cvv = cvvState();
      toParent({ type: 'validate', fields: only });
      return;
    }
    if (submitting) return;
    submitting = true;
    askCvv().then(function (cvv) {
      var fields = { cardNumber: cardNumberState() };
      if (cvv) fields.cvv = cvv.state;
      toParent({ type: 'validate', fields: fields });
      var ok = Object.keys(fields).every(function (f) {
        return fields[f].valid;
      });
      if (!ok) {
        submitting = false;
        return;
      }
      fetch('/secure-fields/api/tokenize', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'omit',
        body: JSON.stringify({
          merchantId: config.merchantId,
          cardNumber: digits(),
          cvv: cvv ? cvv.value : '',
          expm: expm,
          expy: expy,
        }),
      })
        .then(function (response) {
          return response.json().then(function (body) {
            if (!response.ok || !body.transactionId)
              throw new Error(body.error || 'Tokenization failed');
            toParent({
              type: 'success',
              transactionId: body.transactionId,
              cardInfo: body.cardInfo,
            });
          });
        })
        .catch(function (error) {
          toParent({
            type: 'tokenize-error',
            message: error && error.message ? error.message : 'Tokenization failed',
          });
        })
        .then(function () {
          submitting = false;
        });
    });
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.sfInstance !== INSTANCE) return;
    if (event.origin === OWN_ORIGIN && data.from && data.from !== FIELD) {
      // Messages between the two frames of this instance.
      if (data.type === 'sibling-cvv-request' && FIELD === 'cvv') {
        event.source.postMessage(
          {
            type: 'sibling-cvv',
            sfInstance: INSTANCE,
            from: FIELD,
            requestId: data.requestId,
            value: digits(),
            state: cvvState(),
          },
          OWN_ORIGIN,
        );
      } else if (
        data.type === 'sibling-cvv' &&
        FIELD === 'cardNumber' &&
        pendingCvvRequests[data.requestId]
      ) {
        var resolve = pendingCvvRequests[data.requestId];
        delete pendingCvvRequests[data.requestId];
        resolve({ value: data.value, state: data.state });
      } else if (data.type === 'sibling-brand' && FIELD === 'cvv') {
        siblingBrand = data.brand || null;
        updateClasses();
        toParent({ type: 'state', state: cvvState() });
      }
      return;
    }
    if (event.origin !== PARENT_ORIGIN) return;
    switch (data.type) {
      case 'submit':
        submit(data.expm, data.expy);
        break;
      case 'style':
        styles[data.selector] = data.css;
        renderStyles();
        break;
      case 'placeholder':
        input.setAttribute('placeholder', data.text);
        break;
      case 'focus':
        input.focus();
        break;
      case 'cardInfo':
        toParent({ type: 'cardInfo', data: cardInfoData() });
        break;
      default:
        break;
    }
  });

  var lastBrand = null;
  input.addEventListener('input', function () {
    var max = FIELD === 'cardNumber' ? 19 : 4;
    var cleaned = digits().slice(0, max);
    if (FIELD === 'cardNumber') cleaned = cleaned.replace(/(\d{4})(?=\d)/g, '$1 ');
    if (input.value !== cleaned) input.value = cleaned;
    if (FIELD === 'cardNumber') {
      var brand = detectBrand(digits());
      if (brand !== lastBrand) {
        lastBrand = brand;
        toSiblings({ type: 'sibling-brand', brand: brand });
      }
    }
    updateClasses();
    toParent({ type: 'state', state: state() });
  });
  input.addEventListener('focus', function () {
    change('focus');
  });
  input.addEventListener('blur', function () {
    change('blur');
  });
  input.addEventListener('keydown', function (e) {
    change('keyDown', { isNumber: /^\d$/.test(e.key) });
  });
  input.addEventListener('keyup', function (e) {
    change('keyUp', { isNumber: /^\d$/.test(e.key) });
  });
  input.addEventListener('touchstart', function () {
    change('touchstart');
  });

  updateClasses();
  if (!config.merchantValid) {
    toParent({ type: 'init-error', message: 'Invalid merchantId "' + config.merchantId + '"' });
  } else {
    toParent({ type: 'loaded' });
  }
})();
