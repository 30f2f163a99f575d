// The extension's end-to-end cases, run unchanged in each browser by extension-chromium.test.mjs
// and extension-firefox.test.mjs. Each case drives the real toolbar button on a page served from
// 127.0.0.1 and reads the reader view from inside its frame.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile, stat } from 'node:fs/promises';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, repoRoot } from './lib/server.mjs';
import { waitFor } from './lib/wait.mjs';
import { readView, openView as openReader } from './lib/view.mjs';

export const extensionDir = join(repoRoot, 'dist', 'extension');
export const artifactsDir = join(repoRoot, 'artifacts', 'e2e');

const SEED = 'seed-semantic';
const fixturesDir = join(repoRoot, 'tests', 'fixtures');

/** Fixture folders with a page and a case file, the seed first. */
function fixtureSlugs() {
  const slugs = readdirSync(fixturesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(fixturesDir, d.name, 'source.html')) && existsSync(join(fixturesDir, d.name, 'case.json')))
    .map((d) => d.name)
    .sort();
  return [SEED, ...slugs.filter((s) => s !== SEED)];
}
const norm = (s) => s.replace(/\s+/g, ' ').trim();

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Relative luminance of a CSS rgb() colour, 0 (black) to 1 (white). */
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((v) => Number(v) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function defineExtensionTests(browserName, launch) {
  describe(`extension in ${browserName}`, { timeout: 600_000 }, () => {
    let server;
    let browser;
    const paintTimes = [];
    /** Per click: when each stage of the reader page finished, in ms after the click. */
    const phases = [];
    const pagesVisited = [];

    const log = (msg) => process.stdout.write(`# ${msg}\n`);

    async function visit(path) {
      pagesVisited.push(path);
      await browser.goto(server.url(path));
    }

    /** Clicks the toolbar button and waits until the view is painted; records click→paint. */
    async function openView() {
      const { reader, state, clickedAt } = await openReader(browser);
      const ms = state.paintedAt - clickedAt;
      paintTimes.push(ms);
      phases.push(Object.fromEntries(Object.entries(state.timings).map(([k, v]) => [k, v - clickedAt])));
      return { reader, state, ms };
    }

    async function closeByClick() {
      await browser.clickAction({ expectOpen: false });
    }

    before(async () => {
      await stat(join(extensionDir, 'manifest.json')).catch(() => {
        throw new Error(`${extensionDir} is missing: run 'make extension' first`);
      });
      await mkdir(artifactsDir, { recursive: true });
      server = await startServer();
      browser = await launch({ extensionDir, log });
    });

    after(async () => {
      if (paintTimes.length) {
        const summary = {
          browser: browserName,
          clicks: paintTimes.length,
          medianMs: median(paintTimes),
          minMs: Math.min(...paintTimes),
          maxMs: Math.max(...paintTimes),
          samplesMs: paintTimes,
          // Median time after the click at which each stage of the reader page was done.
          stagesMedianMs: Object.fromEntries(Object.keys(phases[0] || {}).map((k) => [k, median(phases.map((p) => p[k]).filter(Number.isFinite))])),
        };
        log(`${browserName}: click to painted reader view, median ${summary.medianMs} ms over ${paintTimes.length} clicks (min ${summary.minMs}, max ${summary.maxMs})`);
        log(`${browserName}: stages (median ms after the click): ${JSON.stringify(summary.stagesMedianMs)}`);
        await writeFile(join(artifactsDir, `timings-${browserName}.json`), `${JSON.stringify(summary, null, 2)}\n`);
      }
      await browser?.close();
      await server?.close();
    });

    // One named case per fixture folder (seed first): the view shows the fixture's headline and
    // every body passage it lists, and none of the clutter. A fixture's recorded known failure
    // turns a mismatch into a TODO with the reason instead of a failure.
    for (const slug of fixtureSlugs()) {
      it(`fixture ${slug}: headline, every body passage, none of the clutter`, async (t) => {
        const fixture = JSON.parse(await readFile(join(fixturesDir, slug, 'case.json'), 'utf8'));
        await visit(`/fixtures/${slug}/source.html`);
        let { reader, state } = await openView();
        const problems = [];
        if (fixture.readerable === false) {
          if (state.view !== 'not-readerable') problems.push(`view ${state.view} for a page that is not an article`);
          else {
            await reader.eval(() => document.querySelector('.dcl-show-anyway').click());
            state = await reader.eval(readView);
          }
        } else if (state.view !== 'article') {
          problems.push(`view ${state.view} for an article`);
        }
        if (fixture.dir && state.dir !== fixture.dir) problems.push(`dir ${state.dir}`);
        if (fixture.lang) {
          // "en" in a case accepts any English ("en-GB"); a full tag must match exactly.
          const [want, got] = [fixture.lang.toLowerCase(), (state.lang || '').toLowerCase()];
          if (want.includes('-') ? got !== want : got.split('-')[0] !== want) problems.push(`lang ${got}`);
        }
        if (fixture.title && norm(state.title || '') !== norm(fixture.title)) problems.push(`headline ${JSON.stringify(state.title)}`);
        // The byline often comes from JSON-LD only, which must reach the core through the copy.
        if (fixture.byline !== undefined && state.byline !== fixture.byline) problems.push(`byline ${JSON.stringify(state.byline)}`);
        for (const s of fixture.mustContain || []) if (!state.content.includes(norm(s))) problems.push(`missing ${JSON.stringify(s)}`);
        for (const s of fixture.mustNotContain || []) if (state.content.includes(norm(s))) problems.push(`clutter ${JSON.stringify(s)}`);
        await closeByClick();
        if (problems.length && fixture.knownFailure) {
          t.todo(`known failure: ${fixture.knownFailure} (${problems.join('; ')})`);
        } else {
          assert.deepEqual(problems, []);
        }
      });
    }

    it('e2e article: every body paragraph, no promos; a second click restores DOM and scroll', async () => {
      await visit('/pages/article.html');
      const page = await browser.evalPage(() => {
        window.scrollTo(0, 1400);
        // A half-filled form: its value lives outside the DOM markup and must survive too.
        document.querySelector('input[type=email]').value = 'reader@example.org';
        return {
          html: document.documentElement.outerHTML,
          scrollY: window.scrollY,
          title: document.querySelector('h1').textContent,
          body: [...document.querySelectorAll('[data-e2e=body]')].map((p) => p.textContent),
          promos: [...document.querySelectorAll('[data-e2e=promo]')].map((p) => p.textContent),
        };
      });
      assert.ok(page.scrollY > 1000, `the page scrolled (${page.scrollY})`);
      if (browser.collect) await browser.collect();
      const requestsBefore = browser.requests.length;
      const { state } = await openView();
      assert.equal(norm(state.title), norm(page.title));
      for (const p of page.body) assert.ok(state.content.includes(norm(p)), `missing: ${p.slice(0, 60)}`);
      for (const p of page.promos) assert.ok(!state.content.includes(norm(p)), `promo shown: ${p.slice(0, 60)}`);
      for (const s of ['Listen to this article', 'Sign up to our newsletter', 'More Latest News', 'Lifeboat crew rescues']) {
        assert.ok(!state.content.includes(s), `clutter shown: ${s}`);
      }
      await closeByClick();
      const restored = await browser.evalPage(() => ({
        email: document.querySelector('input[type=email]').value,
        html: document.documentElement.outerHTML,
        scrollY: window.scrollY,
        dialogs: document.querySelectorAll('dialog').length,
        ticks: window.pageTicks,
      }));
      if (browser.collect) await browser.collect();
      const offServer = browser.requests.slice(requestsBefore)
        .map((r) => r.url)
        .filter((u) => /^(https?|wss?|ftp):/.test(u) && !u.startsWith(server.origin));
      assert.deepEqual(offServer, [], 'requests beyond the fixture server while the view was open');
      assert.equal(restored.dialogs, 0);
      assert.equal(restored.email, 'reader@example.org', 'form contents survive');
      assert.equal(restored.scrollY, page.scrollY);
      assert.ok(restored.html === page.html, 'the page DOM differs after closing the view');
      // The page's own script keeps running underneath and after.
      const later = await waitFor(() => browser.evalPage((n) => window.pageTicks > n && window.pageTicks, restored.ticks), { what: 'the page script to tick' });
      assert.ok(later > restored.ticks);
    });

    it('the Close button and Esc close the view and restore the page', async () => {
      await visit('/pages/article.html');
      const before = await browser.evalPage(() => {
        window.scrollTo(0, 600);
        return { html: document.documentElement.outerHTML, y: window.scrollY };
      });
      let { reader } = await openView();
      await reader.eval(() => document.getElementById('close').click());
      await waitFor(() => browser.evalPage(() => !document.querySelector('dialog')), { what: 'Close to close the view' });
      ({ reader } = await openView());
      // No focusing by the test: the view takes the keyboard focus when it opens.
      // (document.hasFocus() inside an out-of-process frame is unreliable in headless Chromium;
      // the Esc below, sent to whatever has the keyboard focus, is the real check.)
      assert.ok(await reader.eval(() => document.activeElement.id === 'view'), 'the view has the focus');
      await browser.pressKey('Escape');
      await waitFor(() => browser.evalPage(() => !document.querySelector('dialog')), { what: 'Esc to close the view' });
      const after = await browser.evalPage(() => ({ html: document.documentElement.outerHTML, y: window.scrollY }));
      assert.equal(after.y, before.y);
      assert.ok(after.html === before.html, 'the page DOM differs after Close and Esc');
    });

    it('Alt+Shift+R opens the view and closes it again', async (t) => {
      if (!browser.shortcut) {
        t.skip('headless Chromium has no browser window for extension shortcuts to reach');
        return;
      }
      await visit('/pages/article.html');
      const before = await browser.evalPage(() => document.documentElement.outerHTML);
      await browser.shortcut('R');
      const reader = await browser.reader();
      await waitFor(async () => (await reader.eval(readView)).state === 'ready', { what: 'the view from the shortcut' });
      // The second press reaches the browser window even though the view has the focus.
      await browser.shortcut('R');
      await waitFor(() => browser.evalPage(() => !document.querySelector('dialog')), { what: 'the shortcut to close the view' });
      assert.ok(await browser.evalPage((html) => document.documentElement.outerHTML === html, before), 'the page DOM is restored');
    });

    it('when the page removes the view behind its back, the next click opens a fresh one', async () => {
      await visit('/pages/article.html');
      await openView();
      await browser.evalPage(() => document.querySelector('dialog').remove());
      const { state } = await openView();
      assert.equal(state.view, 'article');
      await closeByClick();
      assert.equal(await browser.evalPage(() => document.querySelectorAll('dialog').length), 0);
    });

    it("a page served with a strict CSP (script-src 'self') works the same", async () => {
      await visit('/pages/article.html?csp=strict');
      const page = await browser.evalPage(() => ({
        scriptRan: window.pageScriptRan === true,
        body: [...document.querySelectorAll('[data-e2e=body]')].map((p) => p.textContent),
      }));
      assert.ok(page.scriptRan, "the page's own script ran under its CSP");
      const { state } = await openView();
      assert.equal(state.view, 'article');
      for (const p of page.body) assert.ok(state.content.includes(norm(p)), `missing: ${p.slice(0, 60)}`);
      await closeByClick();
      await visit(`/fixtures/${SEED}/source.html?csp=strict`);
      const seed = await openView();
      assert.equal(seed.state.view, 'article');
      assert.ok(seed.state.content.length > 1000, 'the seed article renders under a strict CSP');
      await closeByClick();
    });

    it('the page cannot read or reach into the view', async () => {
      await visit('/pages/article.html');
      await openView();
      const probe = await browser.evalPage(() => {
        const frame = document.querySelector('dialog[open] > iframe');
        let windowDocument = 'unreadable';
        try {
          windowDocument = frame.contentWindow.document ? 'readable' : 'none';
        } catch {
          // Cross-origin: exactly what isolation means.
        }
        return { contentDocument: frame.contentDocument === null, windowDocument };
      });
      assert.deepEqual(probe, { contentDocument: true, windowDocument: 'unreadable' });
      await closeByClick();
    });

    it("the view's own allowlist drops scripts, handlers and unsafe URLs", async () => {
      await visit('/pages/article.html');
      const { reader } = await openView();
      // Defence in depth: even HTML the core would never emit comes out inert.
      const out = await reader.eval(async () => {
        const { buildSafeFragment } = await import('../ui/reader-view.js');
        const hostile = '<p onclick="alert(1)" style="color:red">kept text</p><script>window.pwned=1<\/script>'
          + '<img src="x" onerror="window.pwned=2"><a href="javascript:alert(1)">link</a>'
          + '<iframe srcdoc="<script>parent.pwned=3<\/script>"></iframe><svg><script>window.pwned=4<\/script></svg>'
          + '<a href="https://example.org/">fine</a><img src="data:text/html,x"><form action="/x"><input></form>'
          + '<math><mi xlink:href="javascript:alert(1)">x</mi></math><div><p>nested <b>bold</b></p></div>';
        const box = document.createElement('div');
        box.appendChild(buildSafeFragment(document, hostile));
        await new Promise((r) => setTimeout(r, 100));
        const all = [...box.querySelectorAll('*')];
        return {
          pwned: window.pwned ?? null,
          tags: [...new Set(all.map((e) => e.localName))].sort(),
          attrs: [...new Set(all.flatMap((e) => [...e.attributes].map((a) => `${a.name}=${a.value}`)))].sort(),
          text: box.textContent,
        };
      });
      assert.equal(out.pwned, null);
      assert.deepEqual(out.tags.filter((t) => ['script', 'iframe', 'svg', 'form', 'input', 'style'].includes(t)), []);
      assert.deepEqual(out.attrs.filter((a) => /^on|^style=|javascript:|data:text/i.test(a)), []);
      assert.ok(out.attrs.includes('href=https://example.org/'), 'safe links stay');
      assert.ok(out.text.includes('kept text') && out.text.includes('nested bold'), 'text stays');
      await closeByClick();
    });

    it('clutter hidden only by the stylesheet stays out of the view', async () => {
      await visit('/pages/css-hidden.html');
      const page = await browser.evalPage(() => ({
        body: [...document.querySelectorAll('[data-e2e=body]')].map((p) => p.textContent),
        hidden: [...document.querySelectorAll('[data-e2e=hidden]')].map((p) => p.textContent),
        html: document.documentElement.outerHTML,
      }));
      assert.ok(page.hidden.length >= 4);
      const { state } = await openView();
      for (const p of page.body) assert.ok(state.content.includes(norm(p)), `missing: ${p.slice(0, 60)}`);
      for (const p of page.hidden) assert.ok(!state.content.includes(norm(p).slice(0, 60)), `hidden text shown: ${p.slice(0, 60)}`);
      await closeByClick();
      const after = await browser.evalPage(() => document.documentElement.outerHTML);
      assert.ok(after === page.html, 'marking hidden elements left a trace in the page');
    });

    it('right-to-left articles render right-to-left with their language', async () => {
      await visit('/pages/rtl.html');
      const { state } = await openView();
      assert.equal(state.dir, 'rtl');
      assert.equal(state.lang, 'ar');
      await closeByClick();
    });

    it('the not-an-article page says so, and "show it anyway" shows the best attempt', async () => {
      await visit('/pages/not-article.html');
      const { reader, state } = await openView();
      assert.equal(state.view, 'not-readerable');
      assert.ok(state.notice && state.notice.length > 20, 'a plain message is shown');
      await reader.eval(() => document.querySelector('.dcl-show-anyway').click());
      const shown = await waitFor(async () => {
        const s = await reader.eval(readView);
        return s.view === 'article' ? s : null;
      }, { what: 'the best attempt to show' });
      assert.ok(shown.title, 'the best attempt has a headline');
      await closeByClick();
    });

    it('"show what was removed" reveals dropped blocks with reasons; one click puts one back in place', async () => {
      await visit('/pages/article.html');
      const promo = await browser.evalPage(() => document.querySelector('[data-e2e=promo]').textContent);
      const { reader, state } = await openView();
      assert.ok(!state.content.includes(norm(promo)));
      const revealed = await reader.eval(() => {
        document.getElementById('show-removed').click();
        const boxes = [...document.querySelectorAll('.dcl-removed')];
        return { count: boxes.length, texts: boxes.map((b) => b.textContent) };
      });
      assert.ok(revealed.count >= 3, `dropped blocks shown: ${revealed.count}`);
      await browser.screenshot(join(artifactsDir, `${browserName}-show-removed.png`));
      const promoBox = revealed.texts.find((x) => x.includes(norm(promo).slice(0, 40)));
      assert.ok(promoBox, 'the Read more promo is among the removed blocks');
      assert.match(promoBox, /Removed: .+/, 'with the reason it was dropped');
      const after = await reader.eval((needle) => {
        const box = [...document.querySelectorAll('.dcl-removed')].find((b) => b.textContent.includes(needle));
        box.click();
        document.getElementById('show-removed').click();
        const restored = document.querySelector('.dcl-restored');
        const paragraphs = [...document.querySelectorAll('.dcl-content > p')].map((p) => p.textContent);
        return { restored: restored && restored.textContent, index: paragraphs.indexOf(restored && restored.textContent), paragraphs, removedLeft: document.querySelectorAll('.dcl-removed').length };
      }, norm(promo).slice(0, 40));
      assert.equal(norm(after.restored), norm(promo), 'the restored block shows its full text');
      assert.equal(after.removedLeft, 0, 'switching off hides the other removed blocks');
      // In place: after the second body paragraph, before the third, as on the page.
      assert.ok(after.paragraphs[after.index - 1].startsWith('The harbour trust, which bought'), 'restored in document order');
      await closeByClick();
    });

    it('export: copy as Markdown writes the clipboard', async () => {
      await visit('/pages/article.html');
      const { reader } = await openView();
      // Real clicks: the clipboard needs the user activation a script's click() does not give.
      await reader.click('#export-button');
      await reader.click('#copy-markdown');
      const said = await waitFor(() => reader.eval(() => document.getElementById('status').textContent), { what: 'the copy to finish' });
      assert.equal(said, await reader.eval(() => globalThis.DeclutterPlatform.t('copied')));
      await closeByClick();
    });

    it('export: save as Markdown and as self-contained HTML', async () => {
      const fixture = JSON.parse(await readFile(join(repoRoot, 'tests', 'fixtures', SEED, 'case.json'), 'utf8'));
      await visit(`/fixtures/${SEED}/source.html`);
      const { reader } = await openView();
      await reader.eval(() => document.getElementById('export-button').click());
      const md = await browser.download(() => reader.eval(() => document.getElementById('save-markdown').click()));
      assert.match(md.name, /\.md$/);
      assert.ok(md.text.startsWith(`# ${fixture.title}`), `Markdown starts with the headline: ${md.text.slice(0, 80)}`);
      assert.ok(md.text.includes(fixture.mustContain[1]), 'Markdown has the body');
      assert.ok(!md.text.includes('Read more:'), 'Markdown has no promos');
      const html = await browser.download(() => reader.eval(() => document.getElementById('save-html').click()));
      assert.match(html.name, /\.html$/);
      assert.ok(html.text.includes('<style>') && html.text.includes('.dcl-root'), 'the HTML carries its stylesheet');
      assert.ok(html.text.includes(fixture.mustContain[1]), 'the HTML has the body');
      assert.ok(!/<script/i.test(html.text), 'the HTML has no scripts');
      await closeByClick();
    });

    it('the options page has labelled controls and its settings reach the view', async () => {
      await browser.goto(await browser.extensionUrl('options/options.html'));
      const form = await waitFor(() => browser.evalPage(() => {
        const inputs = [...document.querySelectorAll('input[data-setting]')];
        if (!inputs.length) return null;
        return {
          count: inputs.length,
          unlabelled: inputs.filter((i) => !i.labels || !i.labels.length || !i.labels[0].textContent.trim()).map((i) => i.dataset.setting),
          heading: document.querySelector('h1').textContent,
        };
      }), { what: 'the options form' });
      assert.ok(form.count >= 10, `controls: ${form.count}`);
      assert.deepEqual(form.unlabelled, [], 'every control has a label');
      assert.ok(form.heading.length > 3);
      await browser.evalPage(() => document.querySelector('input[data-setting=theme][value=sepia]').click());
      await visit('/pages/article.html');
      const { state } = await openView();
      assert.equal(state.theme, 'sepia');
      await closeByClick();
    });

    it('read aloud walks the article block by block, highlighting the one being read', async () => {
      await visit('/pages/article.html');
      const { reader } = await openView();
      // Headless browsers have no voices, so the engine is a stand-in that "speaks" each
      // utterance in 40 ms; what is checked is the view's side: order, highlight,
      // pause/resume and stop.
      const run = await reader.eval(async () => {
        const spoken = [];
        const highlighted = [];
        const engine = {
          paused: false,
          speaking: false,
          getVoices: () => [],
          addEventListener() {},
          speak(u) {
            spoken.push(u.text);
            setTimeout(() => {
              u.onstart?.();
              highlighted.push(document.querySelector('.dcl-speaking')?.textContent ?? null);
              setTimeout(() => u.onend?.(), 40);
            }, 5);
          },
          pause() { this.paused = true; },
          resume() { this.paused = false; },
          cancel() {},
        };
        Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
        document.getElementById('listen-button').click();
        const play = document.getElementById('speak');
        play.click();
        await new Promise((r) => setTimeout(r, 120));
        play.click();
        const pausedLabel = play.textContent;
        const paused = engine.paused;
        play.click();
        const resumedLabel = play.textContent;
        await new Promise((r) => setTimeout(r, 400));
        document.getElementById('speak-stop').click();
        const paragraphs = [...document.querySelectorAll('.dcl-content p')].map((p) => p.textContent.replace(/\s+/g, ' ').trim());
        return { spoken, highlighted, paragraphs, paused, pausedLabel, resumedLabel, left: document.querySelectorAll('.dcl-speaking').length };
      });
      assert.ok(run.spoken.length >= 3, `blocks spoken: ${run.spoken.length}`);
      const firstParagraph = run.paragraphs.find((p) => p.startsWith('Three container cranes'));
      assert.ok(run.spoken.includes(firstParagraph), 'the first body paragraph is read');
      assert.ok(run.spoken.indexOf(firstParagraph) < run.spoken.findIndex((x) => x.startsWith('The harbour trust')), 'in document order');
      assert.deepEqual(run.highlighted.slice(0, 3).map((h) => h && h.replace(/\s+/g, ' ').trim()), run.spoken.slice(0, 3), 'the block being read is highlighted');
      assert.ok(run.paused, 'pause pauses');
      assert.notEqual(run.pausedLabel, run.resumedLabel, 'the button says what it will do');
      assert.equal(run.left, 0, 'stop clears the highlight');
      await closeByClick();
    });

    it('settings changed in one view apply in the next page and after a browser restart', async () => {
      await visit('/pages/article.html');
      let { reader, state } = await openView();
      const lightBackground = state.background;
      await reader.eval(() => {
        document.getElementById('settings-button').click();
        document.querySelector('input[data-setting=theme][value=dark]').click();
        const size = document.querySelector('input[data-setting=size]');
        size.value = '24';
        size.dispatchEvent(new Event('input', { bubbles: true }));
        document.getElementById('settings-button').click();
      });
      state = await waitFor(async () => {
        const s = await reader.eval(readView);
        return s.theme === 'dark' && s.size === '24px' ? s : null;
      }, { what: 'the view to take the new theme and size' });
      assert.ok(luminance(state.background) < 0.2, `dark background (${state.background})`);
      assert.ok(luminance(lightBackground) > 0.5 || state.background !== lightBackground);
      await closeByClick();

      await visit('/pages/css-hidden.html');
      ({ state } = await openView());
      assert.equal(state.theme, 'dark', 'the next page opens in the chosen theme');
      assert.equal(state.size, '24px');
      await closeByClick();

      await browser.restart();
      await visit('/pages/rtl.html');
      ({ state } = await openView());
      assert.equal(state.theme, 'dark', 'the theme survives a browser restart');
      assert.equal(state.size, '24px');
      await closeByClick();
    });

    it('screenshots of the view in light and dark themes', async () => {
      const shots = {};
      for (const theme of ['light', 'dark']) {
        await visit(`/fixtures/${SEED}/source.html`);
        const { reader } = await openView();
        await reader.eval((value) => {
          document.getElementById('settings-button').click();
          document.querySelector(`input[data-setting=theme][value=${value}]`).click();
          document.getElementById('settings-button').click();
        }, theme);
        const state = await reader.eval(readView);
        assert.equal(state.theme, theme);
        const file = join(artifactsDir, `${browserName}-${theme}.png`);
        await browser.screenshot(file);
        shots[theme] = { file, size: (await stat(file)).size, luminance: luminance(state.background) };
        await closeByClick();
      }
      assert.ok(shots.light.size > 5000 && shots.dark.size > 5000, 'screenshots written');
      assert.ok(shots.light.luminance > 0.8 && shots.dark.luminance < 0.2, 'the two themes differ as they should');
      log(`${browserName}: screenshots ${shots.light.file}, ${shots.dark.file}`);
    });

    it('no request leaves the browser beyond the fixture server; no errors in the console', async () => {
      if (browser.collect) await browser.collect();
      const web = (r) => /^(https?|wss?|ftp):/.test(r.url);
      // What the extension itself asked for: only the images of the article it shows (from the
      // fixture server or the fixture's own, unreachable hosts), nothing else, anywhere.
      const fromExtension = browser.requests.filter((r) => r.fromExtension && web(r));
      assert.ok(browser.requests.some((r) => r.fromExtension), 'the extension\'s own requests are seen');
      assert.deepEqual(fromExtension.filter((r) => r.type !== 'image').map((r) => r.url), [], 'extension requests other than article images');
      const fixturesHtml = (await Promise.all(fixtureSlugs().map((slug) => readFile(join(fixturesDir, slug, 'source.html'), 'utf8')))).join('\n');
      // The fixture pages' own broken subresources (ad scripts, logos, unreachable images) fail
      // to load whatever the extension does; every other console error counts.
      // Served with a strict CSP, it also reports its own inline scripts as blocked. And Firefox's
      // own modules (resource://, chrome://) log errors of their own; they count only when they
      // name the extension.
      const pageOwnFailure = (e) => {
        const url = e.slice(0, e.indexOf(': '));
        if (/Content.Security.Policy/i.test(e) && url.startsWith(`${server.origin}/fixtures/`)) return true;
        if (!/Failed to load resource/.test(e)) return false;
        // Hosts under the reserved .example TLD never resolve: the fixtures use them for their
        // images and scripts, which fail in the page and in the view alike.
        if (/^https?:\/\/[^/]+\.example\//.test(url)) return true;
        // Relative assets of a fixture page (stylesheets, scripts, logos) are not in the corpus.
        if (url.startsWith(`${server.origin}/fixtures/`) && /status of 404/.test(e)) return true;
        return fixturesHtml.includes(url.startsWith(server.origin) ? url.slice(server.origin.length) : url);
      };
      const browserInternal = (e) => /^(resource|chrome):\/\//.test(e) && !/declutter/i.test(e);
      const errors = browser.consoleErrors.filter((e) => !pageOwnFailure(e) && !browserInternal(e));
      assert.deepEqual(errors, [], 'console errors');
      log(`${browserName}: ${browser.requests.length} requests seen, ${fromExtension.length} by the extension (article images)`);
    });
  });
}
