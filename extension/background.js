/*
 * Background: turns the toolbar click (or Alt+Shift+R, which the browser maps to the same action)
 * into an injection of the content script into the active tab, runs the wasm core on the page
 * snapshot the content script sends, and hands the article to the reader page in that tab.
 * `activeTab` grants the injection: no host permissions.
 *
 * The core runs here rather than in the reader page: the module is compiled once per browser
 * session instead of once per view, and the extraction runs while the reader page is still
 * loading, so the article is usually ready by the time the page asks for it. The extension's CSP
 * allows wasm here on every site; Chromium would apply the page's CSP to a content script.
 */
import './lib/platform.js';
import './lib/messages.js';
import init, { extract, defaultOptions, toMarkdown, version } from './pkg/declutter.js';

const platform = globalThis.DeclutterPlatform;
const { validate, MAX_HTML_CHARS } = globalThis.DeclutterMessages;

/** Started once, when the background starts (which a toolbar click does); resolves to the module's exports. */
const coreReady = init();

/** Articles (as promises of the reply) not yet taken, by token; each is taken once. */
const snapshots = new Map();
/** Reader pages that asked before their snapshot arrived, by token. */
const waiting = new Map();
/** A snapshot nobody takes (e.g. the tab closed first) is dropped after this long. */
const SNAPSHOT_TTL_MS = 60_000;

/**
 * How much dropped-block text one reply carries. The reply to the reader page must stay under the
 * browsers' message limit (64 MiB of JSON in Chromium) however large the page; past this budget a
 * dropped block keeps only its preview, which "show what was removed" then shows instead.
 */
const BLOCK_TEXT_BUDGET_CHARS = 8 * 1024 * 1024;

/**
 * Pages larger than this get no block table: on a page of hundreds of thousands of elements,
 * building, copying and sending it took longer than the extraction, and a list of tens of
 * thousands of removed blocks helps nobody. "Show what was removed" is then unavailable.
 */
const EXPLAIN_MAX_CHARS = 4 * 1024 * 1024;

function boundBlockTexts(article) {
  let budget = BLOCK_TEXT_BUDGET_CHARS;
  for (const block of article.blocks || []) {
    if (block.kept || typeof block.text !== 'string') continue;
    budget -= block.text.length;
    if (budget < 0) block.text = '';
  }
  return article;
}

/** The reply for one snapshot: the article with its block table, or why there is none. */
async function extractReply(snapshot) {
  try {
    await coreReady;
    const started = performance.now();
    // Options come from the core; explain adds the block table for "show what was removed"
    // (not for very large pages, where the table would cost more than the extraction itself).
    const explain = snapshot.html.length <= EXPLAIN_MAX_CHARS;
    const article = boundBlockTexts(extract(snapshot.html, snapshot.url, { ...defaultOptions(), explain }));
    const extractMs = Math.round((performance.now() - started) * 10) / 10;
    return { type: 'article', article, url: snapshot.url, extractMs };
  } catch (err) {
    return { type: 'error', message: String(err && err.message ? err.message : err) };
  }
}

/** Gives a reply to the reader page that is waiting for it, or keeps it until that page asks. */
function handOver(token, entry) {
  const waiter = waiting.get(token);
  if (waiter) {
    waiting.delete(token);
    waiter(entry);
  } else {
    snapshots.set(token, entry);
    setTimeout(() => snapshots.delete(token), SNAPSHOT_TTL_MS);
  }
}

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

platform.onMessage(validate, async (message, sender) => {
  switch (message.type) {
    case 'snapshot': {
      if (!fromContentScript(sender)) throw new Error('snapshot from an unexpected sender');
      handOver(message.token, { reply: extractReply(message), tabId: sender.tab.id });
      return { type: 'ok' };
    }
    case 'pageTooLarge': {
      if (!fromContentScript(sender)) throw new Error('pageTooLarge from an unexpected sender');
      const mb = (chars) => String(Math.ceil(chars / (1024 * 1024)));
      const reply = Promise.resolve({ type: 'error', message: platform.t('pageTooLarge', [mb(message.chars), mb(MAX_HTML_CHARS)]) });
      handOver(message.token, { reply, tabId: sender.tab.id });
      return { type: 'ok' };
    }
    case 'takeArticle': {
      if (!fromReaderPage(sender)) throw new Error('takeArticle from an unexpected sender');
      const ready = snapshots.get(message.token);
      const deliver = (entry) => {
        if (sender.tab && sender.tab.id !== entry.tabId) throw new Error('the snapshot belongs to another tab');
        return entry.reply;
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
    case 'toMarkdown': {
      if (!fromReaderPage(sender)) throw new Error('toMarkdown from an unexpected sender');
      await coreReady;
      return { type: 'markdown', markdown: toMarkdown(message.html) };
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
    case 'diagnostics': {
      // What a memory check needs to see from here: the core's linear memory (it grows to the
      // largest page seen and never shrinks) and the hand-over maps, which must drain.
      if (!fromReaderPage(sender)) throw new Error('diagnostics from an unexpected sender');
      const core = await coreReady;
      return {
        type: 'diagnostics',
        version: version(),
        wasmMemoryBytes: core.memory.buffer.byteLength,
        pendingSnapshots: snapshots.size,
        waitingReaders: waiting.size,
      };
    }
    default:
      throw new Error(`unhandled message ${message.type}`);
  }
});
