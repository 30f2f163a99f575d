/*
 * Background: turns the toolbar click (or Alt+Shift+R, which the browser maps to the same action)
 * into an injection of the content script into the active tab, and relays the page snapshot from
 * the content script to the reader page in that tab. `activeTab` grants the injection: no host
 * permissions. The wasm core does not run here but in the reader page, next to the view.
 */
import './lib/platform.js';
import './lib/messages.js';

const platform = globalThis.DeclutterPlatform;
const { validate } = globalThis.DeclutterMessages;

/** Snapshots not yet taken, by token; each is taken once by the reader page it was made for. */
const snapshots = new Map();
/** Reader pages that asked before their snapshot arrived, by token. */
const waiting = new Map();
/** A snapshot nobody takes (e.g. the tab closed first) is dropped after this long. */
const SNAPSHOT_TTL_MS = 60_000;

function readerOrigin() {
  return platform.extensionOrigin();
}

function fromContentScript(sender) {
  return Boolean(sender.tab) && !(sender.url || '').startsWith(readerOrigin());
}

function fromReaderPage(sender) {
  return (sender.url || '').startsWith(readerOrigin());
}

platform.onActionClicked((tab) => {
  if (tab && typeof tab.id === 'number') {
    platform.injectContentScript(tab.id).catch((err) => {
      // Pages no extension may touch (browser settings, the web store) end here.
      console.warn(`Declutter cannot run on this page: ${err.message}`);
    });
  }
});

platform.onMessage(validate, (message, sender) => {
  switch (message.type) {
    case 'snapshot': {
      if (!fromContentScript(sender)) throw new Error('snapshot from an unexpected sender');
      const entry = { message, tabId: sender.tab.id };
      const waiter = waiting.get(message.token);
      if (waiter) {
        waiting.delete(message.token);
        waiter(entry);
      } else {
        snapshots.set(message.token, entry);
        setTimeout(() => snapshots.delete(message.token), SNAPSHOT_TTL_MS);
      }
      return { type: 'ok' };
    }
    case 'takeSnapshot': {
      if (!fromReaderPage(sender)) throw new Error('takeSnapshot from an unexpected sender');
      const ready = snapshots.get(message.token);
      const deliver = (entry) => {
        if (sender.tab && sender.tab.id !== entry.tabId) throw new Error('snapshot belongs to another tab');
        return entry.message;
      };
      if (ready) {
        snapshots.delete(message.token);
        return deliver(ready);
      }
      return new Promise((resolve, reject) => {
        waiting.set(message.token, (entry) => {
          try {
            resolve(deliver(entry));
          } catch (err) {
            reject(err);
          }
        });
        setTimeout(() => {
          if (waiting.delete(message.token)) reject(new Error('the page snapshot never arrived'));
        }, SNAPSHOT_TTL_MS);
      });
    }
    case 'close': {
      if (!fromReaderPage(sender) || !sender.tab) throw new Error('close from an unexpected sender');
      // Reply first, then close: closing removes the reader page, and a reply arriving in a page
      // that is already gone is reported as an error by Firefox.
      const tabId = sender.tab.id;
      setTimeout(() => {
        platform.sendToTab(tabId, message, 0).catch((err) => console.warn(`Declutter could not close the view: ${err.message}`));
      }, 0);
      return { type: 'ok' };
    }
    default:
      throw new Error(`unhandled message ${message.type}`);
  }
});
