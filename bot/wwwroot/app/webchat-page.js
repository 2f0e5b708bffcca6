/* EngagementBot local Web Chat page: gets a token from the embedded Direct Line and renders Web Chat. */
(function () {
  'use strict';

  var TEXT = {
    'fr-FR': {
      skipLink: 'Aller à la conversation',
      subtitle: 'Consultations citoyennes, avancement des projets et nouvelles de votre ville.',
      languageLabel: 'Langue',
      chatHeading: 'Conversation avec EngagementBot',
      footer: 'Service local de démonstration : aucune donnée ne quitte cet ordinateur.',
      connecting: 'Connexion au robot…',
      connected: 'Conversation ouverte en français.',
      failed: 'Impossible de joindre le robot. Vérifiez qu’il fonctionne, puis rechargez la page.',
      username: 'Vous'
    },
    'en-US': {
      skipLink: 'Skip to the conversation',
      subtitle: 'Citizens’ consultations, project status and news from your city.',
      languageLabel: 'Language',
      chatHeading: 'Conversation with EngagementBot',
      footer: 'Local demonstration service: no data leaves this computer.',
      connecting: 'Connecting to the bot…',
      connected: 'Conversation started in English.',
      failed: 'The bot cannot be reached. Check that it is running, then reload the page.',
      username: 'You'
    }
  };

  var container = document.getElementById('webchat');
  var status = document.getElementById('status');
  var buttons = document.querySelectorAll('.language-switch button[data-locale]');
  var userId = requestedUserId() || createUserId();
  var current = null;
  var generation = 0;

  // Development staff switch: /?user=<id> chats as that user id; the bot treats it as staff only when the id is
  // listed in Staff:DevelopmentUserIds and it runs in local mode (no Microsoft App ID). See docs/status.md.
  function requestedUserId() {
    var id = new URLSearchParams(window.location.search).get('user');
    return id && /^[A-Za-z0-9._:-]{1,64}$/.test(id) ? id : null;
  }

  function createUserId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return 'user-' + Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function initialLocale() {
    var query = new URLSearchParams(window.location.search).get('lang');
    var saved = null;
    try {
      saved = window.localStorage.getItem('engagementbot.locale');
    } catch (e) {
      saved = null;
    }

    var wanted = query || saved || navigator.language || 'fr';
    return /^en/i.test(wanted) ? 'en-US' : 'fr-FR';
  }

  function applyTexts(locale) {
    var text = TEXT[locale];
    document.documentElement.lang = locale.slice(0, 2);
    document.querySelectorAll('[data-text]').forEach(function (element) {
      element.textContent = text[element.getAttribute('data-text')];
    });
    buttons.forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-locale') === locale));
    });
  }

  function setStatus(message, isError) {
    status.textContent = message;
    status.className = isError ? 'status error' : 'status';
  }

  function stopCurrent() {
    if (current && current.directLine && typeof current.directLine.end === 'function') {
      current.directLine.end();
    }

    current = null;
    while (container.firstChild) {
      container.removeChild(container.firstChild);
    }
  }

  async function start(locale) {
    var mine = ++generation;
    applyTexts(locale);
    stopCurrent();
    setStatus(TEXT[locale].connecting, false);
    try {
      var response = await fetch(window.location.origin + '/v3/directline/tokens/generate', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: userId, name: TEXT[locale].username } })
      });
      if (!response.ok) {
        throw new Error('Token request failed with HTTP ' + response.status);
      }

      var token = (await response.json()).token;
      if (mine !== generation) {
        return;
      }

      var directLine = window.WebChat.createDirectLine({
        domain: window.location.origin + '/v3/directline',
        token: token,
        webSocket: true,
        conversationStartProperties: { locale: locale }
      });
      var host = document.createElement('div');
      container.appendChild(host);
      current = { directLine: directLine };
      window.WebChat.renderWebChat({
        directLine: directLine,
        userID: userId,
        username: TEXT[locale].username,
        locale: locale,
        styleOptions: {
          accent: '#0b4f6c',
          bubbleBackground: '#f2f2f2',
          bubbleFromUserBackground: '#dcecf3',
          hideUploadButton: true,
          sendBoxTextWrap: true,
          primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif'
        }
      }, host);
      setStatus(TEXT[locale].connected, false);
    } catch (error) {
      if (mine === generation) {
        setStatus(TEXT[locale].failed, true);
      }
    }
  }

  buttons.forEach(function (button) {
    button.addEventListener('click', function () {
      var locale = button.getAttribute('data-locale');
      try {
        window.localStorage.setItem('engagementbot.locale', locale);
      } catch (e) {
        /* Private mode: the choice lasts for this page only. */
      }

      start(locale).then(function () {
        var input = document.querySelector('[data-id="webchat-sendbox-input"]');
        (input || container).focus();
      });
    });
  });

  start(initialLocale());
}());
