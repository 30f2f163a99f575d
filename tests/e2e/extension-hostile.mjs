// The extension against hostile and heavy pages (issue 6), run unchanged in each browser by
// extension-chromium.test.mjs and extension-firefox.test.mjs, in a browser session of its own so
// the pages here (which provoke errors on purpose) stay out of the main suite's console checks.
//
//   - every vector of tests/xss-vectors.json, each in its own good article: nothing runs in the
//     view (a probe would set a global and make a request), nothing unsafe is in its DOM, and the
//     article around the vector is shown;
//   - 100 openings and closings on one page: memory before and after, written to artifacts/e2e
//     (first, before the big pages below raise every process's memory);
//   - a 20 MB page and a page that mutates its DOM every 10 ms: the view appears and holds still;
//     a 50 MB page gets a clear "too large" answer.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, repoRoot } from './lib/server.mjs';
import { waitFor, retry } from './lib/wait.mjs';
import { readView, openView } from './lib/view.mjs';
import { xssSuite, BIG_ARTICLE } from './lib/generated-pages.mjs';
import { extensionDir, artifactsDir } from './extension-cases.mjs';

const norm = (s) => s.replace(/\s+/g, ' ').trim();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs in the reader frame. Gives whatever a vector could trigger its chance (image loads and
 * errors, autofocus, animations), then lists everything in the article's DOM that could run
 * script or reach out: forbidden elements, foreign namespaces, handlers, inline styles, URLs
 * with a script scheme. Checks the browser's parse of the view, not strings.
 */
async function inspectView() {
  const content = document.querySelector('#view .dcl-content');
  const deadline = Date.now() + 2000;
  while (Date.now() < deadline && [...content.querySelectorAll('img')].some((img) => !img.complete)) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  const FORBIDDEN = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal',
    'form', 'input', 'button', 'textarea', 'select', 'option', 'isindex', 'link', 'meta', 'base', 'template',
    'noscript', 'svg', 'foreignobject', 'annotation-xml', 'maction', 'set', 'animate', 'use', 'image', 'area', 'map', 'dialog']);
  const HTML = 'http://www.w3.org/1999/xhtml';
  const MATHML = 'http://www.w3.org/1998/Math/MathML';
  const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'background',
    'cite', 'longdesc', 'lowsrc', 'dynsrc', 'ping', 'codebase', 'manifest']);
  const unsafeUrl = (value) => {
    // Browsers ignore ASCII whitespace and control characters inside a scheme.
    const url = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
    if (/^(javascript|vbscript|livescript|jar|mhtml):/.test(url)) return true;
    return url.startsWith('data:') && !/^data:image\/(png|gif|jpe?g|webp|avif)[;,]/.test(url);
  };
  const problems = [];
  for (const el of content.querySelectorAll('*')) {
    const tag = el.localName.toLowerCase();
    if (FORBIDDEN.has(tag)) problems.push(`<${tag}>`);
    if (el.namespaceURI !== HTML && el.namespaceURI !== MATHML) problems.push(`<${tag}> in ${el.namespaceURI}`);
    for (const { name, value } of el.attributes) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on')) problems.push(`${tag}[${name}]`);
      else if (lower === 'style' || lower === 'srcdoc') problems.push(`${tag}[${name}]`);
      else if (URL_ATTRS.has(lower) && unsafeUrl(value)) problems.push(`${tag}[${name}=${value.slice(0, 60)}]`);
      else if ((lower === 'srcset' || lower === 'imagesrcset') && value.split(',').some((c) => unsafeUrl(c.trim().split(/\s+/)[0] || ''))) {
        problems.push(`${tag}[${name}=${value.slice(0, 60)}]`);
      }
    }
  }
  // The reader page's own scripts are its module files; nothing else may have been added.
  const foreignScripts = [...document.scripts].filter((s) => !s.src || !s.src.startsWith(location.origin)).length;
  if (foreignScripts) problems.push(`${foreignScripts} script element(s) in the reader page`);
  if (document.querySelector('iframe, frame, object, embed')) problems.push('a frame or plugin in the reader page');
  return {
    xss: self.__xss ?? null,
    problems,
    title: document.querySelector('#view .dcl-title')?.textContent ?? '',
    text: content.textContent.replace(/\s+/g, ' '),
  };
}

export function defineHostileTests(browserName, launch) {
  describe(`extension in ${browserName}: hostile and heavy pages`, { timeout: 900_000 }, () => {
    let server;
    let browser;
    const log = (msg) => process.stdout.write(`# ${msg}\n`);
    const suite = xssSuite(repoRoot);
    const closeView = () => browser.clickAction({ expectOpen: false });

    before(async () => {
      await mkdir(artifactsDir, { recursive: true });
      server = await startServer();
      browser = await launch({ extensionDir, log });
      // The first toolbar trigger after a launch can reach the tab before the browser grants
      // it access; one plain opening first keeps that race out of the cases below.
      // Any failure here is retried: the warm-up exists to absorb what a fresh launch does.
      await retry(async () => {
        await browser.goto(server.url('/pages/article.html'));
        if (await browser.evalPage(() => Boolean(document.querySelector('dialog[open] > iframe')))) await closeView();
        try {
          await openView(browser);
          await closeView();
        } catch (err) {
          throw new Error(err.message);
        }
      }, { attempts: 3, log: (msg) => log(`${browserName} warm-up: ${msg}`) });
    });

    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it(`XSS: each of the ${suite.vectors.length} vectors in its own article; nothing runs in the view, nothing unsafe reaches it, the article stays`, async () => {
      // The probe can fire: served without its CSP, the page's own copy of a vector runs it.
      const control = suite.vectors.findIndex((v) => v.vector === '<img src=x onerror=alert(1)>');
      assert.ok(control >= 0, 'the control vector is in the suite');
      await browser.goto(server.url(`/generated/xss/${control}?unsafe`));
      await waitFor(() => browser.evalPage(() => window.__xss ?? null).then((v) => v === control), { what: 'the control probe to set its global' });
      await waitFor(() => server.requests.some((r) => r.path === `/xss-hit/${control}`), { what: 'the control probe request' });

      const firstRequest = server.requests.length;
      const problems = [];
      const started = Date.now();
      for (const [n, { family, vector }] of suite.vectors.entries()) {
        const name = `#${n} ${family} ${JSON.stringify(vector).slice(0, 80)}`;
        await browser.goto(server.url(`/generated/xss/${n}`));
        try {
          const { reader } = await openView(browser);
          const out = await reader.eval(inspectView);
          const dialogs = await browser.dialogs();
          const pageGlobal = await browser.evalPage(() => window.__xss ?? null);
          await closeView();
          const found = [...out.problems];
          if (out.xss !== null) found.push(`the probe ran in the view (__xss=${out.xss})`);
          if (pageGlobal !== null) found.push(`the probe ran in the page (__xss=${pageGlobal})`);
          if (dialogs.length) found.push(`a dialog opened: ${dialogs.join(' | ')}`);
          if (norm(out.title) !== 'The harbour ledger') found.push(`headline ${JSON.stringify(out.title)}`);
          for (const p of [...suite.before, ...suite.after]) {
            if (!out.text.includes(norm(p))) found.push(`article paragraph lost: ${p.slice(0, 40)}`);
          }
          if (found.length) problems.push(`${name}: ${found.join('; ')}`);
        } catch (err) {
          problems.push(`${name}: ${err.message}`);
          // Leave the page in a known state for the next vector.
          await browser.dialogs().catch(() => {});
        }
      }
      // Requests settle after the last view closed; any probe request at all is a failure.
      await sleep(200);
      const hits = server.requests.slice(firstRequest).filter((r) => r.path.startsWith('/xss-hit/')).map((r) => r.path);
      if (browser.collect) await browser.collect();
      const viewCsp = browser.consoleErrors.filter((e) => /^(chrome|moz)-extension:/.test(e) && /Content.Security.Policy|Refused to/i.test(e));
      log(`${browserName}: ${suite.vectors.length} XSS vectors through the view in ${Math.round((Date.now() - started) / 1000)} s`);
      assert.deepEqual(problems, []);
      assert.deepEqual(hits, [], 'probe requests reached the server');
      assert.deepEqual(viewCsp, [], "the extension's own pages or scripts had something blocked by a CSP");
    });

    it('opening and closing the view 100 times on one page leaks no memory', async () => {
      await browser.goto(server.url('/pages/article.html'));
      const elements = await browser.evalPage(() => document.getElementsByTagName('*').length);
      const cycle = async () => {
        const { reader } = await openView(browser);
        const diagnostics = await reader.eval(() => globalThis.DeclutterPlatform.send({ type: 'diagnostics' }));
        await closeView();
        return diagnostics;
      };
      // Warm-up: the core's memory grows to what this page needs, caches fill, code is compiled.
      for (let i = 0; i < 5; i += 1) await cycle();
      const memoryBefore = await browser.memory();
      const first = await cycle();
      const started = Date.now();
      let last = first;
      for (let i = 1; i < 100; i += 1) last = await cycle();
      const cycleMs = (Date.now() - started) / 99;
      const memoryAfter = await browser.memory();
      const pageAfter = await browser.evalPage(() => ({ elements: document.getElementsByTagName('*').length, dialogs: document.querySelectorAll('dialog').length }));
      const figures = {
        browser: browserName,
        cycles: 100,
        medianCycleMs: Math.round(cycleMs),
        before: { ...memoryBefore, wasmMemoryBytes: first.wasmMemoryBytes },
        after: { ...memoryAfter, wasmMemoryBytes: last.wasmMemoryBytes, pendingSnapshots: last.pendingSnapshots, waitingReaders: last.waitingReaders },
      };
      await writeFile(join(artifactsDir, `leak-${browserName}.json`), `${JSON.stringify(figures, null, 2)}\n`);
      const mb = (b) => (b / 1048576).toFixed(2);
      const heapKey = 'jsHeapBytes' in memoryBefore ? 'jsHeapBytes' : 'residentBytes';
      log(`${browserName}: 100 open/close cycles (${figures.medianCycleMs} ms each): ${heapKey} ${mb(memoryBefore[heapKey])} → ${mb(memoryAfter[heapKey])} MB, wasm memory ${mb(first.wasmMemoryBytes)} → ${mb(last.wasmMemoryBytes)} MB`
        + ('nodes' in memoryBefore ? `, DOM nodes ${memoryBefore.nodes} → ${memoryAfter.nodes}, documents ${memoryBefore.documents} → ${memoryAfter.documents}, listeners ${memoryBefore.listeners} → ${memoryAfter.listeners}` : ''));

      assert.deepEqual(pageAfter, { elements, dialogs: 0 }, 'the page is as it was');
      assert.equal(last.pendingSnapshots, 0, 'page snapshots left behind in the background');
      assert.equal(last.waitingReaders, 0, 'reader pages left waiting in the background');
      // The same page again needs no more linear memory: growth would mean the core keeps
      // something from each extraction.
      assert.equal(last.wasmMemoryBytes, first.wasmMemoryBytes, 'the core\'s memory grew');
      // Chromium: bounds far below what one retained view per cycle would cost (a reader document
      // with its article is well over 100 KB, a hundred of them over 10 MB) and far above the
      // noise of its heap and document counters, read after a forced collection.
      if (heapKey === 'jsHeapBytes') {
        assert.ok(memoryAfter.jsHeapBytes - memoryBefore.jsHeapBytes < 2 * 1048576, `the tab's JS heap grew by ${mb(memoryAfter.jsHeapBytes - memoryBefore.jsHeapBytes)} MB`);
        assert.ok(memoryAfter.documents <= memoryBefore.documents, `documents ${memoryBefore.documents} → ${memoryAfter.documents}`);
      } else {
        // Firefox offers only the resident size of its processes, after minimizing memory, and
        // that swings on its own: two runs, the core's memory flat in both, measured -64 MB and
        // +45 MB over these 100 cycles. The bound sits above that swing, so it catches a leak of
        // about a megabyte a cycle (ten retained views), not a single retained view; the wasm memory
        // and the page's own state above are the exact checks.
        assert.ok(memoryAfter.residentBytes - memoryBefore.residentBytes < 100 * 1048576, `Firefox grew by ${mb(memoryAfter.residentBytes - memoryBefore.residentBytes)} MB`);
      }
    });

    it('a 20 MB page: the view shows the article and holds still, and the tab keeps responding', async () => {
      await browser.goto(server.url('/generated/big?mb=20'));
      // A monitor in the page: the longest gap between 10 ms timer ticks is how long the tab froze.
      await browser.evalPage(() => {
        const mon = { max: 0, last: performance.now(), ticks: 0 };
        window.stallMonitor = mon;
        setInterval(() => {
          const now = performance.now();
          mon.max = Math.max(mon.max, now - mon.last);
          mon.last = now;
          mon.ticks += 1;
        }, 10);
        return true;
      });
      await waitFor(() => browser.evalPage(() => window.stallMonitor.ticks > 10), { what: 'the stall monitor to run' });
      await browser.evalPage(() => { window.stallMonitor.max = 0; return true; });
      const elements = await browser.evalPage(() => document.getElementsByTagName('*').length);
      const { reader, state, clickedAt } = await openView(browser, { timeout: 120_000 });
      const paintMs = state.paintedAt - clickedAt;
      assert.equal(state.view, 'article', `the view says: ${state.notice}`);
      for (const p of BIG_ARTICLE) assert.ok(state.content.includes(norm(p)), `missing: ${p.slice(0, 50)}`);
      assert.ok(!/\bReply Report\b/.test(state.content), 'the comment threads are not in the article');
      await sleep(500);
      const later = await reader.eval(readView);
      assert.equal(later.content, state.content, 'the view changed after it was painted');
      const stallMs = Math.round(await browser.evalPage(() => window.stallMonitor.max));
      const diagnostics = await reader.eval(() => globalThis.DeclutterPlatform.send({ type: 'diagnostics' }));
      const extractMs = Number(await reader.eval(() => document.documentElement.dataset.extractMs));
      const stagesMs = Object.fromEntries(Object.entries(state.timings).map(([k, v]) => [k, v - clickedAt]));
      await closeView();
      const after = await browser.evalPage(() => ({ elements: document.getElementsByTagName('*').length, ticks: window.stallMonitor.ticks }));
      assert.equal(after.elements, elements, 'the page has its elements back');
      await waitFor(() => browser.evalPage((n) => window.stallMonitor.ticks > n, after.ticks), { what: 'the page to keep ticking' });
      const figures = { browser: browserName, pageMB: 20, elements, clickToPaintMs: paintMs, extractMs, stagesMs, longestStallMs: stallMs, wasmMemoryBytes: diagnostics.wasmMemoryBytes };
      log(`${browserName}: 20 MB page (${elements} elements): click to paint ${paintMs} ms (extraction in wasm ${extractMs} ms; stages after the click ${JSON.stringify(stagesMs)}), longest main-thread stall in the page ${stallMs} ms, wasm memory ${(diagnostics.wasmMemoryBytes / 1048576).toFixed(0)} MB`);
      await writeFile(join(artifactsDir, `big-page-${browserName}.json`), `${JSON.stringify(figures, null, 2)}\n`);
    });

    it('a page over the size the view takes (50 MB) gets a clear "too large" answer, and the page stays', async () => {
      await browser.goto(server.url('/generated/big?mb=50'));
      const elements = await browser.evalPage(() => document.getElementsByTagName('*').length);
      const { state } = await openView(browser, { timeout: 120_000 });
      assert.equal(state.view, 'error');
      assert.match(state.content + (state.notice || ''), /too large/i);
      await closeView();
      assert.equal(await browser.evalPage(() => document.getElementsByTagName('*').length), elements);
    });

    it('a page that changes its DOM every 10 ms: the view appears, holds still, and the page goes on', async () => {
      await browser.goto(server.url('/pages/ticker.html'));
      await waitFor(() => browser.evalPage(() => window.mutations > 20), { what: 'the page to start mutating' });
      const body = await browser.evalPage(() => [...document.querySelectorAll('[data-e2e=body]')].map((p) => p.textContent));
      const { reader, state } = await openView(browser);
      assert.equal(state.view, 'article');
      assert.equal(norm(state.title), 'Storm closes the coast road as ferries stay in port');
      for (const p of body) assert.ok(state.content.includes(norm(p)), `missing: ${p.slice(0, 50)}`);
      assert.ok(!/Update \d+/.test(state.content), 'the live feed is not in the article');
      const mutationsAtPaint = await browser.evalPage(() => window.mutations);
      await sleep(1000);
      const later = await reader.eval(readView);
      assert.equal(later.state, 'ready');
      assert.equal(later.content, state.content, 'the view changed while the page did');
      assert.ok(await browser.evalPage(() => Boolean(document.querySelector('dialog[open] > iframe'))), 'the view is still open');
      const mutationsLater = await browser.evalPage(() => window.mutations);
      // The page is not frozen under the view: its timer ran on (loosely: background timers may be throttled).
      assert.ok(mutationsLater > mutationsAtPaint + 10, `the page kept mutating (${mutationsAtPaint} → ${mutationsLater})`);
      await closeView();
      assert.equal(await browser.evalPage(() => document.querySelectorAll('dialog').length), 0);
    });

  });
}
