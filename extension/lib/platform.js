/*
 * The one place that touches the browser's extension APIs (`browser` in Firefox, `chrome` in
 * Chromium). Every other file calls DeclutterPlatform. It is a classic script that sets one global
 * so the same file serves the content script (injected as a plain script) and the ES modules of
 * the background and the reader page (which import it for its side effect).
 */
(() => {
  if (globalThis.DeclutterPlatform) return;
  const api = globalThis.browser ?? globalThis.chrome;

  /** Files injected into a tab on the toolbar click, in order (they share one isolated world). */
  const CONTENT_FILES = ['lib/platform.js', 'lib/messages.js', 'content.js'];

  const platform = {
    getURL: (path) => api.runtime.getURL(path),
    extensionOrigin: () => api.runtime.getURL(''),
    t: (key, substitutions) => api.i18n.getMessage(key, substitutions) || key,

    /** Sends a message to the extension's own contexts; resolves with the reply. */
    send: (message) => api.runtime.sendMessage(message),
    sendToTab: (tabId, message, frameId = 0) => api.tabs.sendMessage(tabId, message, { frameId }),

    /**
     * Listens for messages that pass `validate`. `handler(message, sender)` may return a value
     * or a promise; its result is the reply. Invalid messages are refused with an error reply.
     * Returns a function that removes the listener.
     */
    onMessage(validate, handler) {
      const listener = (raw, sender, sendResponse) => {
        const checked = validate(raw);
        if (!checked.ok) {
          sendResponse({ type: 'error', message: `invalid message: ${checked.error}` });
          return false;
        }
        Promise.resolve()
          .then(() => handler(checked.value, sender))
          .then(
            (reply) => sendResponse(reply ?? { type: 'ok' }),
            (err) => sendResponse({ type: 'error', message: String(err && err.message ? err.message : err) }),
          );
        // Keeps the channel open for the asynchronous reply (the form both browsers accept).
        return true;
      };
      api.runtime.onMessage.addListener(listener);
      return () => api.runtime.onMessage.removeListener(listener);
    },

    injectContentScript: (tabId) => api.scripting.executeScript({ target: { tabId }, files: CONTENT_FILES }),
    onActionClicked: (handler) => api.action.onClicked.addListener(handler),

    async loadSettings() {
      const stored = await api.storage.local.get('settings');
      return stored.settings;
    },
    saveSettings: (settings) => api.storage.local.set({ settings }),
    /** Returns a function that removes the listener. */
    onSettingsChanged(handler) {
      const listener = (changes, area) => {
        if (area === 'local' && changes.settings) handler(changes.settings.newValue);
      };
      api.storage.onChanged.addListener(listener);
      return () => api.storage.onChanged.removeListener(listener);
    },
  };
  globalThis.DeclutterPlatform = Object.freeze(platform);
})();
