/*
 * Mews Checkout offline sandbox: the Mews Payments Checkout frame (sandbox origin). It shows the
 * payment request, takes the card (or a simulated wallet, or iDEAL), runs the sandbox's 3-D Secure
 * challenge inside the frame, and reports to the embedding page only with postMessage to the
 * parent origin it was given (the page's script checks our origin in turn). In the hosted mode
 * (Mews' payment-request page) there is no parent and nothing is posted.
 */
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('checkout-config').textContent);
  var app = document.getElementById('app');
  var EMBEDDED = config.mode === 'embedded' && window.parent !== window;
  var request = config.request;

  var STRINGS = {
    'en-GB': {
      pay: 'Pay {amount}',
      cardNumber: 'Card number',
      expiry: 'Expiry date',
      expiryHint: 'MM/YY',
      cvc: 'CVC',
      name: 'Name on card',
      authenticate: 'Authenticate',
      failAuthentication: 'Fail authentication',
      cancel: 'Cancel',
      challengeTitle: 'Sandbox Bank: 3-D Secure',
      challengeText: 'Your bank asks you to confirm the payment of {amount} to {hotel}.',
      paymentReceived: 'Payment received',
      paymentFailed: 'Payment failed',
      paymentCanceled: 'Payment canceled',
      waitingBank: 'Waiting for your bank',
      holdPlaced: 'Hold placed',
      holdText: '{amount} is held on your card.',
      notFound: 'This payment request does not exist.',
      notPayable: 'This payment request can no longer be paid ({state}).',
      processing: 'Processing…',
      orCard: 'or pay by card',
      invalidCard: 'Enter a valid card number (sandbox test cards only).',
      invalidExpiry: 'Enter a valid expiry date (MM/YY) in the future.',
      invalidCvc: 'Enter the security code on the back of the card.',
      invalidName: 'Enter the name on the card.',
      tryAgain: 'The payment did not go through. You can try again.',
      back: 'Back',
      sandbox: 'Sandbox stand-in for Mews Payments Checkout: no money moves.',
    },
    'nl-NL': {
      pay: 'Betaal {amount}',
      cardNumber: 'Kaartnummer',
      expiry: 'Vervaldatum',
      expiryHint: 'MM/JJ',
      cvc: 'CVC',
      name: 'Naam op kaart',
      authenticate: 'Bevestigen',
      failAuthentication: 'Bevestiging mislukt',
      cancel: 'Annuleren',
      challengeTitle: 'Sandbox Bank: 3-D Secure',
      challengeText: 'Uw bank vraagt u de betaling van {amount} aan {hotel} te bevestigen.',
      paymentReceived: 'Betaling ontvangen',
      paymentFailed: 'Betaling mislukt',
      paymentCanceled: 'Betaling geannuleerd',
      waitingBank: 'Wachten op uw bank',
      holdPlaced: 'Reservering geplaatst',
      holdText: '{amount} is gereserveerd op uw kaart.',
      notFound: 'Dit betaalverzoek bestaat niet.',
      notPayable: 'Dit betaalverzoek kan niet meer worden betaald ({state}).',
      processing: 'Bezig…',
      orCard: 'of betaal met een kaart',
      invalidCard: 'Voer een geldig kaartnummer in (alleen sandbox-testkaarten).',
      invalidExpiry: 'Voer een geldige vervaldatum in (MM/JJ).',
      invalidCvc: 'Voer de beveiligingscode in.',
      invalidName: 'Voer de naam op de kaart in.',
      tryAgain: 'De betaling is niet gelukt. Probeer het opnieuw.',
      back: 'Terug',
      sandbox: 'Sandbox-vervanger van Mews Payments Checkout: er wordt geen geld verplaatst.',
    },
    'de-DE': {
      pay: '{amount} bezahlen',
      cardNumber: 'Kartennummer',
      expiry: 'Ablaufdatum',
      expiryHint: 'MM/JJ',
      cvc: 'CVC',
      name: 'Name auf der Karte',
      authenticate: 'Bestätigen',
      failAuthentication: 'Bestätigung fehlgeschlagen',
      cancel: 'Abbrechen',
      challengeTitle: 'Sandbox Bank: 3-D Secure',
      challengeText: 'Ihre Bank bittet Sie, die Zahlung von {amount} an {hotel} zu bestätigen.',
      paymentReceived: 'Zahlung erhalten',
      paymentFailed: 'Zahlung fehlgeschlagen',
      paymentCanceled: 'Zahlung abgebrochen',
      waitingBank: 'Warten auf Ihre Bank',
      holdPlaced: 'Betrag reserviert',
      holdText: '{amount} ist auf Ihrer Karte reserviert.',
      notFound: 'Diese Zahlungsanforderung existiert nicht.',
      notPayable: 'Diese Zahlungsanforderung kann nicht mehr bezahlt werden ({state}).',
      processing: 'Wird verarbeitet…',
      orCard: 'oder mit Karte bezahlen',
      invalidCard: 'Geben Sie eine gültige Kartennummer ein (nur Sandbox-Testkarten).',
      invalidExpiry: 'Geben Sie ein gültiges Ablaufdatum ein (MM/JJ).',
      invalidCvc: 'Geben Sie den Sicherheitscode ein.',
      invalidName: 'Geben Sie den Namen auf der Karte ein.',
      tryAgain: 'Die Zahlung ist fehlgeschlagen. Bitte versuchen Sie es erneut.',
      back: 'Zurück',
      sandbox: 'Sandbox-Ersatz für Mews Payments Checkout: es fließt kein Geld.',
    },
    'fr-FR': {
      pay: 'Payer {amount}',
      cardNumber: 'Numéro de carte',
      expiry: "Date d'expiration",
      expiryHint: 'MM/AA',
      cvc: 'CVC',
      name: 'Nom sur la carte',
      authenticate: 'Authentifier',
      failAuthentication: "Échec de l'authentification",
      cancel: 'Annuler',
      challengeTitle: 'Sandbox Bank : 3-D Secure',
      challengeText: 'Votre banque vous demande de confirmer le paiement de {amount} à {hotel}.',
      paymentReceived: 'Paiement reçu',
      paymentFailed: 'Échec du paiement',
      paymentCanceled: 'Paiement annulé',
      waitingBank: 'En attente de votre banque',
      holdPlaced: 'Empreinte bancaire effectuée',
      holdText: '{amount} est bloqué sur votre carte.',
      notFound: "Cette demande de paiement n'existe pas.",
      notPayable: 'Cette demande de paiement ne peut plus être payée ({state}).',
      processing: 'Traitement…',
      orCard: 'ou payer par carte',
      invalidCard: 'Saisissez un numéro de carte valide (cartes de test du bac à sable).',
      invalidExpiry: "Saisissez une date d'expiration valide (MM/AA).",
      invalidCvc: 'Saisissez le code de sécurité.',
      invalidName: 'Saisissez le nom sur la carte.',
      tryAgain: "Le paiement n'a pas abouti. Vous pouvez réessayer.",
      back: 'Retour',
      sandbox: "Substitut de Mews Payments Checkout : aucun argent n'est débité.",
    },
    'es-ES': {
      pay: 'Pagar {amount}',
      cardNumber: 'Número de tarjeta',
      expiry: 'Fecha de caducidad',
      expiryHint: 'MM/AA',
      cvc: 'CVC',
      name: 'Nombre en la tarjeta',
      authenticate: 'Autenticar',
      failAuthentication: 'Autenticación fallida',
      cancel: 'Cancelar',
      challengeTitle: 'Sandbox Bank: 3-D Secure',
      challengeText: 'Su banco le pide confirmar el pago de {amount} a {hotel}.',
      paymentReceived: 'Pago recibido',
      paymentFailed: 'Pago fallido',
      paymentCanceled: 'Pago cancelado',
      waitingBank: 'Esperando a su banco',
      holdPlaced: 'Retención realizada',
      holdText: '{amount} está retenido en su tarjeta.',
      notFound: 'Esta solicitud de pago no existe.',
      notPayable: 'Esta solicitud de pago ya no se puede pagar ({state}).',
      processing: 'Procesando…',
      orCard: 'o pague con tarjeta',
      invalidCard: 'Introduzca un número de tarjeta válido (solo tarjetas de prueba).',
      invalidExpiry: 'Introduzca una fecha de caducidad válida (MM/AA).',
      invalidCvc: 'Introduzca el código de seguridad.',
      invalidName: 'Introduzca el nombre de la tarjeta.',
      tryAgain: 'El pago no se ha realizado. Puede volver a intentarlo.',
      back: 'Volver',
      sandbox: 'Sustituto de Mews Payments Checkout: no se mueve dinero.',
    },
  };
  STRINGS['en-US'] = STRINGS['en-GB'];
  var T = STRINGS[config.language] || STRINGS['en-GB'];
  // Wallet and iDEAL button names stay the same in every language (brand names, plus the
  // "simulated" marker the sandbox must never drop).
  var WALLET_LABELS = { GooglePay: 'Google Pay (simulated)', ApplePay: 'Apple Pay (simulated)' };

  function t(key, values) {
    return (T[key] || STRINGS['en-GB'][key] || key).replace(/\{(\w+)\}/g, function (_, name) {
      return values && values[name] !== undefined ? values[name] : '';
    });
  }

  function money(value, currency) {
    try {
      return new Intl.NumberFormat(config.language, {
        style: 'currency',
        currency: currency,
      }).format(value);
    } catch {
      return value.toFixed(2) + ' ' + currency;
    }
  }

  var amountText = request ? money(request.value, request.currency) : '';
  var counter = 0;

  function varying(text) {
    counter += 1;
    return text + ' (sandbox ref f' + counter + '-' + Math.random().toString(16).slice(2, 8) + ')';
  }

  // ---- messages to the embedding page (its origin only) ----
  function post(message) {
    if (!EMBEDDED) return;
    message.source = 'mews-checkout-sandbox';
    window.parent.postMessage(message, config.parentOrigin);
  }
  function reportSuccess(result) {
    post({
      type: 'success',
      event: {
        type: 'payment-charged',
        paymentId: result.paymentId,
        paymentMethodId: result.paymentMethodId,
      },
    });
  }
  function reportFailure(error) {
    post({ type: 'failure', event: { type: 'payment-failure', error: error } });
  }
  var lastHeight = 0;
  function reportHeight() {
    var height = Math.ceil(app.offsetTop + app.offsetHeight + 8);
    if (height !== lastHeight) {
      lastHeight = height;
      post({ type: 'resize', height: height });
    }
  }

  // ---- DOM helpers ----
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') node.textContent = attrs[key];
      else if (key === 'hidden') node.hidden = !!attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(child);
    });
    return node;
  }

  function applyStyles() {
    var s = config.styles || {};
    var root = document.documentElement.style;
    if (s.text) root.setProperty('--text', s.text);
    if (s.muted) root.setProperty('--muted', s.muted);
    if (s.background) root.setProperty('--background', s.background);
    if (typeof s.radius === 'number') root.setProperty('--radius', s.radius + 'px');
    if (s.buttonBackground) root.setProperty('--button-bg', s.buttonBackground);
    if (s.buttonText) root.setProperty('--button-text', s.buttonText);
    if (s.inputBorder) root.setProperty('--input-border', s.inputBorder);
  }

  async function api(path, body) {
    var response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
    });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    return response.json();
  }

  // ---- screens ----
  var banner = el('p', { class: 'banner', role: 'status', hidden: true });
  var views = {};

  function showBanner(kind, text) {
    banner.className = 'banner ' + kind;
    banner.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    banner.textContent = text;
    banner.hidden = false;
  }
  function hideBanner() {
    banner.hidden = true;
  }
  function show(name) {
    Object.keys(views).forEach(function (key) {
      views[key].hidden = key !== name;
    });
  }

  function header() {
    return el('header', {}, [
      el('h1', { text: request ? request.hotel : 'Mews Payments' }),
      request ? el('p', { class: 'muted', text: request.description }) : null,
      request ? el('p', { class: 'amount', 'data-testid': 'amount', text: amountText }) : null,
      el('p', { class: 'stub', text: t('sandbox') }),
    ]);
  }

  function backLink() {
    if (config.mode !== 'hosted' || !config.returnUrl) return null;
    return el('p', {}, [el('a', { href: config.returnUrl, text: t('back') })]);
  }

  function resultView(title, text) {
    var view = el('section', { 'aria-live': 'polite' }, [
      el('h2', { text: title }),
      text ? el('p', { text: text }) : null,
      backLink(),
    ]);
    return view;
  }

  function finish(title, text) {
    var view = resultView(title, text);
    views.result = view;
    app.appendChild(view);
    show('result');
    hideBanner();
  }

  var cardInputs = {};
  var payButton = null;
  var challengeTimer = null;

  function field(key, label, attrs) {
    var id = 'f-' + key;
    var error = el('span', { class: 'field-error', id: id + '-error', hidden: true });
    var input = el(
      'input',
      Object.assign({ id: id, name: key, 'aria-describedby': id + '-error' }, attrs),
    );
    cardInputs[key] = { input: input, error: error };
    return el('label', { for: id }, [document.createTextNode(label), input, error]);
  }

  function clearFieldErrors() {
    Object.keys(cardInputs).forEach(function (key) {
      cardInputs[key].input.removeAttribute('aria-invalid');
      cardInputs[key].error.hidden = true;
    });
  }

  function fieldError(key, messageKey) {
    var f = cardInputs[key];
    if (!f) return;
    f.input.setAttribute('aria-invalid', 'true');
    f.error.textContent = t(messageKey);
    f.error.hidden = false;
    f.input.focus();
  }

  function busy(on) {
    var buttons = app.querySelectorAll('button');
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = on;
    if (payButton) payButton.textContent = on ? t('processing') : t('pay', { amount: amountText });
  }

  function failed(result) {
    show('pay');
    busy(false);
    showBanner('error', t('tryAgain'));
    reportFailure(result.error);
  }

  function handle(result) {
    if (challengeTimer) {
      clearTimeout(challengeTimer);
      challengeTimer = null;
    }
    if (result.status === 'charged') {
      finish(t('paymentReceived'), amountText);
      reportSuccess(result);
    } else if (result.status === 'hold') {
      finish(t('holdPlaced'), t('holdText', { amount: amountText }));
    } else if (result.status === 'challenge') {
      busy(false);
      showChallenge(result);
    } else if (result.status === 'invalid') {
      busy(false);
      fieldError(result.field, result.message);
    } else if (result.status === 'redirect') {
      post({ type: 'navigate', url: result.url });
      if (!EMBEDDED) window.location.assign(result.url);
    } else if (result.status === 'silent') {
      busy(false);
    } else {
      failed({ error: result.error || varying('The payment failed') });
    }
  }

  function guard(promise) {
    return promise.then(handle, function () {
      failed({ error: varying('The checkout could not reach Mews') });
    });
  }

  function showChallenge(result) {
    var view = views.challenge;
    view.innerHTML = '';
    var answer = function (value) {
      return function () {
        busy(true);
        guard(
          api('/payments/checkout/api/challenge', {
            challengeId: result.challengeId,
            answer: value,
          }),
        );
      };
    };
    var pass = el('button', { type: 'button', class: 'primary', text: t('authenticate') });
    var fail = el('button', { type: 'button', class: 'danger', text: t('failAuthentication') });
    var cancel = el('button', { type: 'button', text: t('cancel') });
    pass.addEventListener('click', answer('pass'));
    fail.addEventListener('click', answer('fail'));
    cancel.addEventListener('click', answer('abandon'));
    view.appendChild(el('h2', { text: t('challengeTitle') }));
    view.appendChild(
      el('p', { text: t('challengeText', { amount: amountText, hotel: request.hotel }) }),
    );
    view.appendChild(pass);
    view.appendChild(fail);
    view.appendChild(cancel);
    hideBanner();
    show('challenge');
    // Nobody answered in time: the challenge is abandoned.
    challengeTimer = setTimeout(answer('abandon'), result.expiresInSeconds * 1000);
    pass.focus();
  }

  function payView() {
    var view = el('section', {});
    var methods = config.methods || [];
    var preauthorization = request.type === 'Preauthorization';
    var ua = navigator.userAgent;
    var chromium = /(Chrome|Chromium|CriOS)\//.test(ua);
    var safari = /Safari\//.test(ua) && !chromium && !/Android/.test(ua);
    var quick = el('div', { class: 'methods' });
    var wallets = [];
    if (methods.indexOf('googlePay') >= 0 && config.walletCard && chromium)
      wallets.push('GooglePay');
    if (methods.indexOf('applePay') >= 0 && config.walletCard && safari && config.applePayDomain)
      wallets.push('ApplePay');
    wallets.forEach(function (wallet) {
      var button = el('button', { type: 'button', text: WALLET_LABELS[wallet] });
      button.addEventListener('click', function () {
        busy(true);
        guard(api('/payments/checkout/api/wallet', { requestId: request.id, wallet: wallet }));
      });
      quick.appendChild(button);
    });
    if (methods.indexOf('ideal') >= 0) {
      var ideal = el('button', { type: 'button', text: 'iDEAL' });
      ideal.addEventListener('click', function () {
        busy(true);
        guard(
          api('/payments/checkout/api/ideal', {
            requestId: request.id,
            returnUrl: config.idealRedirectUrl || config.parentUrl || '',
            parentOrigin: config.parentOrigin,
          }),
        );
      });
      quick.appendChild(ideal);
    }
    if (quick.childNodes.length > 0) view.appendChild(quick);
    if (methods.indexOf('paymentCard') >= 0) {
      if (quick.childNodes.length > 0)
        view.appendChild(el('p', { class: 'divider', text: t('orCard') }));
      payButton = el('button', {
        type: 'submit',
        class: 'primary',
        text: t('pay', { amount: amountText }),
      });
      var form = el('form', { novalidate: 'novalidate' }, [
        field('number', t('cardNumber'), {
          type: 'text',
          inputmode: 'numeric',
          autocomplete: 'cc-number',
          maxlength: '23',
        }),
        el('div', { class: 'row' }, [
          field('expiry', t('expiry'), {
            type: 'text',
            inputmode: 'numeric',
            autocomplete: 'cc-exp',
            placeholder: t('expiryHint'),
            maxlength: '7',
          }),
          field('cvc', t('cvc'), {
            type: 'text',
            inputmode: 'numeric',
            autocomplete: 'cc-csc',
            maxlength: '4',
          }),
        ]),
        field('name', t('name'), { type: 'text', autocomplete: 'cc-name', maxlength: '100' }),
        payButton,
      ]);
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        clearFieldErrors();
        hideBanner();
        // Observed with real Mews (reference §3.1): on a Preauthorization request the card
        // button sends nothing and calls back nothing.
        if (preauthorization && EMBEDDED && config.preauthorizationCheckout === 'silent') return;
        busy(true);
        guard(
          api('/payments/checkout/api/card', {
            requestId: request.id,
            hosted: config.mode === 'hosted',
            card: {
              number: cardInputs.number.input.value,
              expiry: cardInputs.expiry.input.value,
              cvc: cardInputs.cvc.input.value,
              name: cardInputs.name.input.value,
            },
          }),
        );
      });
      view.appendChild(form);
    }
    return view;
  }

  function paymentStateText(state) {
    if (state === 'Charged') return ['ok', t('paymentReceived')];
    if (state === 'Pending') return ['info', t('waitingBank')];
    if (state === 'Canceled') return ['error', t('paymentCanceled')];
    return ['error', t('paymentFailed')];
  }

  function watchPayment(paymentId) {
    setTimeout(function () {
      fetch('/payments/checkout/api/payments/' + encodeURIComponent(paymentId), {
        credentials: 'omit',
      })
        .then(function (r) {
          return r.json();
        })
        .then(function (payment) {
          if (payment.state === 'Pending') return watchPayment(paymentId);
          var text = paymentStateText(payment.state);
          showBanner(text[0], text[1]);
          if (payment.state !== 'Charged' && views.pay) show('pay');
          else if (payment.state === 'Charged') show('none');
        })
        .catch(function () {
          watchPayment(paymentId);
        });
    }, 2000);
  }

  function start() {
    applyStyles();
    app.appendChild(header());
    app.appendChild(banner);
    var payment = config.payment;
    var ownPayment = payment && request && payment.requestId === request.id;
    if (config.error && !ownPayment) {
      var message =
        config.error === 'notFound'
          ? t('notFound')
          : config.error.indexOf('state:') === 0
            ? t('notPayable', { state: config.error.slice(6) })
            : config.error;
      showBanner('error', message);
      reportFailure(varying(message));
      return;
    }
    views.none = el('div', { hidden: true });
    views.challenge = el('section', { class: 'challenge', hidden: true, 'aria-live': 'polite' });
    if (!config.error) {
      views.pay = payView();
      app.appendChild(views.pay);
    }
    app.appendChild(views.challenge);
    show(views.pay ? 'pay' : 'none');
    if (ownPayment) {
      var text = paymentStateText(payment.state);
      showBanner(text[0], text[1]);
      if (payment.state === 'Charged' || payment.state === 'Pending') show('none');
      if (payment.state === 'Pending') watchPayment(payment.id);
    }
  }

  start();
  reportHeight();
  if (typeof ResizeObserver === 'function') new ResizeObserver(reportHeight).observe(app);
  window.addEventListener('resize', reportHeight);
})();
