// Headless Chromium with the unpacked extension loaded, driven through playwright-core, exposing
// the small browser interface the extension tests share with firefox.mjs:
//   goto(url), evalPage(fn, ...args), clickAction(), reader(): {eval(fn, ...args)}, pressKey(key),
//   screenshot(file), requests, consoleErrors, restart(), close(),
//   dialogs() (alert/confirm/prompt texts seen so far), memory() (the tab's heap after a GC).
// The toolbar click is the real one: CDP `Extensions.triggerAction`, which also grants activeTab.
import { chromium } from 'playwright-core';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor, retry } from './wait.mjs';

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--disable-quic', '--enable-unsafe-extension-debugging',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];

export async function launchChromium({ extensionDir, profileDir, log = () => {} }) {
  const profile = profileDir || await mkdtemp(join(tmpdir(), 'declutter-chromium-'));
  const session = {
    name: 'chromium',
    profile,
    requests: [],
    consoleErrors: [],
    backgroundLog: [],
    dialogTexts: [],
    context: null,
    page: null,
    extensionId: null,
  };

  async function start() {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1100, height: 800 },
      args: [...ARGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
    });
    const worker = context.serviceWorkers()[0] || await context.waitForEvent('serviceworker', { timeout: 15_000 });
    session.extensionId = new URL(worker.url()).host;
    context.on('request', (request) => {
      let frameUrl = '';
      try {
        frameUrl = request.frame().url();
      } catch {
        // Service worker requests have no frame.
      }
      session.requests.push({
        url: request.url(),
        type: request.resourceType(),
        // A navigation belongs to the page being loaded, not to the frame's previous document
        // (leaving the options page for a fixture is the test's doing, not the extension's).
        fromExtension: !request.isNavigationRequest()
          && (frameUrl.startsWith('chrome-extension://') || Boolean(request.serviceWorker())),
      });
    });
    // Pages and their frames (the reader page included) report through the context; the
    // background service worker through its own worker object.
    context.on('console', (msg) => {
      if (msg.type() === 'error') session.consoleErrors.push(`${msg.location().url}: ${msg.text()}`);
    });
    // The service worker may stop when idle and start again: listen to every incarnation.
    const listenToWorker = (w) => w.on('console', (msg) => {
      session.backgroundLog.push(`${msg.type()}: ${msg.text()}`);
      if (msg.type() === 'error') session.consoleErrors.push(`${w.url()}: ${msg.text()}`);
    });
    listenToWorker(worker);
    context.on('serviceworker', listenToWorker);
    context.on('weberror', (err) => session.consoleErrors.push(`page error: ${err.error().message}`));
    const page = context.pages()[0] || await context.newPage();
    // Any alert, confirm or prompt, from the page or a frame in it, is noted and dismissed.
    page.on('dialog', (dialog) => {
      session.dialogTexts.push(dialog.message());
      dialog.dismiss().catch(() => {});
    });
    session.context = context;
    session.page = page;
  }

  const expr = (fn, args) => `(${fn})(...${JSON.stringify(args)})`;

  Object.assign(session, {
    async goto(url) {
      // The heavy generated pages take a slow machine well past the default 30 s to load; WebDriver's
      // own page-load limit (the Firefox driver's) is 300 s.
      await session.page.goto(url, { waitUntil: 'load', timeout: 180_000 });
    },
    evalPage(fn, ...args) {
      return session.page.evaluate(expr(fn, args));
    },
    /** The reader page's frame (an extension page inside the tab), once it exists. */
    async reader() {
      const frame = await waitFor(
        // The newest live one: a closed view's frame may still be listed for a moment.
        () => session.page.frames().filter((f) => !f.isDetached() && f.url().startsWith('chrome-extension://')).at(-1),
        { timeout: 10_000, what: 'the reader frame' },
      );
      return {
        eval: (fn, ...args) => frame.evaluate(expr(fn, args)),
        /** A real mouse click, with the user activation and focus a script's click() lacks. */
        click: (selector) => frame.click(selector),
        frame,
      };
    },
    /**
     * Presses the toolbar button. The first trigger after launch sometimes reaches the tab before
     * activeTab is granted for it ("Cannot access contents of the page"), so the click is retried
     * a bounded number of times when no change shows up, and each retry's reason is logged.
     */
    async clickAction({ expectOpen = null } = {}) {
      const before = await session.evalPage(() => Boolean(document.querySelector('dialog[open] > iframe')));
      const want = expectOpen ?? !before;
      const cdp = await session.context.browser().newBrowserCDPSession();
      try {
        let lastClick = null;
        const isWanted = () => session.evalPage((w) => Boolean(document.querySelector('dialog[open] > iframe')) === w, want);
        return await retry(async (attempt) => {
          // A previous attempt that was only slow must not be undone by pressing again.
          if (lastClick && await isWanted()) return lastClick;
          // The action belongs to the tab, which CDP lists as its own target type beside the page.
          const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
          const target = targetInfos.find((t) => t.url === session.page.url());
          if (!target) throw new Error(`no target for ${session.page.url()}`);
          const clickedAt = Date.now();
          lastClick = { clickedAt, attempt };
          const logMark = session.backgroundLog.length;
          await cdp.send('Extensions.triggerAction', { id: session.extensionId, targetId: target.targetId });
          try {
            // Generous: the first click after a launch wakes the service worker and compiles the
            // wasm, which a busy machine can stretch over several seconds.
            await waitFor(isWanted, { timeout: 10_000, what: want ? 'the reader view to open' : 'the reader view to close' });
          } catch (err) {
            const said = session.backgroundLog.slice(logMark).join(' | ');
            const error = new Error(`${err.message}${said ? `; the background said: ${said}` : ''}`);
            // Only the known race (the click arriving before activeTab is granted) is retried;
            // anything else is a real failure.
            error.retryable = /Cannot access contents of the page/.test(said);
            throw error;
          }
          return lastClick;
        }, { attempts: 3, log: (msg) => log(`chromium toolbar click: ${msg}`) });
      } finally {
        await cdp.detach().catch(() => {});
      }
    },
    extensionUrl(path) {
      return `chrome-extension://${session.extensionId}/${path}`;
    },
    /** Runs `action` (which starts a download) and returns the saved file's name and text. */
    async download(action) {
      const [download] = await Promise.all([session.page.waitForEvent('download', { timeout: 10_000 }), action()]);
      const path = await download.path();
      const { readFile } = await import('node:fs/promises');
      return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
    },
    async pressKey(key) {
      await session.page.keyboard.press(key);
    },
    async dialogs() {
      return session.dialogTexts.slice();
    },
    /**
     * The tab's renderer after a full garbage collection: JS heap in use (the page and the
     * content script's isolated world share it) and DOM counters.
     */
    async memory() {
      const cdp = await session.context.newCDPSession(session.page);
      try {
        await cdp.send('HeapProfiler.collectGarbage');
        const heap = await cdp.send('Runtime.getHeapUsage');
        const dom = await cdp.send('Memory.getDOMCounters');
        return { jsHeapBytes: heap.usedSize, documents: dom.documents, nodes: dom.nodes, listeners: dom.jsEventListeners };
      } finally {
        await cdp.detach().catch(() => {});
      }
    },
    async screenshot(file) {
      // caret: 'initial' keeps Playwright from writing inline styles into the page's inputs.
      await session.page.screenshot({ path: file, caret: 'initial' });
    },
    async restart() {
      await session.context.close();
      await start();
    },
    async close() {
      await session.context?.close();
    },
  });
  await start();
  return session;
}
