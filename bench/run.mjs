// `make bench`: Declutter (wasm, end to end) against Mozilla Readability.js, page by page, in
// headless Chromium (playwright-core) and headless Firefox (geckodriver over plain HTTP).
//
//   node bench/run.mjs --corpora ../shared/corpora [--browsers chromium,firefox]
//        [--sample 200] [--runs 5] [--warmup N] [--frame top|iframe] [--out bench/results]
//        [--only CORPUS]
//
// --frame iframe (the default) loads each page into a frame of one harness page that stays open
// (bench/harness.js), 2 warm-up runs by default; --frame top opens each page as the tab's own
// document, as the extension meets it, and times it there (bench/top.js), 10 by default.
//
// --sample takes that many trafilatura-eval pages, evenly spaced through cases.json (0 = all 990);
// every readability test page is used. Raw numbers go to <out>/<browser>.json; the summary and
// chart come from bench/report.mjs.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { summarize, writeReport } from './report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const corpora = path.resolve(args.corpora ?? path.join(root, '../shared/corpora'));
const browsers = (args.browsers ?? 'chromium,firefox').split(',');
const sample = Number(args.sample ?? 200);
const runs = Number(args.runs ?? 5);
const frameMode = args.frame ?? 'iframe';
if (!['top', 'iframe'].includes(frameMode)) throw new Error(`--frame ${frameMode}: top or iframe`);
const warmup = Number(args.warmup ?? (frameMode === 'top' ? 10 : 2));
const out = path.resolve(args.out ?? path.join(root, 'bench/results'));
const only = args.only; // one corpus name, to time a change quickly
const PAGE_TIMEOUT_MS = 90_000;

function listPages() {
  const pages = new Map();
  const rtp = path.join(corpora, 'readability-test-pages');
  if (existsSync(rtp)) {
    for (const slug of readdirSync(rtp).sort()) {
      const file = path.join(rtp, slug, 'source.html');
      if (existsSync(file)) pages.set(`readability-test-pages/${slug}`, { corpus: 'readability-test-pages', file });
    }
  }
  const tra = path.join(corpora, 'trafilatura-eval');
  if (existsSync(path.join(tra, 'cases.json'))) {
    const cases = JSON.parse(readFileSync(path.join(tra, 'cases.json'), 'utf8'));
    const n = sample > 0 ? Math.min(sample, cases.length) : cases.length;
    for (let i = 0; i < n; i++) {
      const c = cases[Math.floor((i * cases.length) / n)];
      pages.set(`trafilatura-eval/${path.basename(c.file, '.html.gz')}`, { corpus: 'trafilatura-eval', file: path.join(tra, c.file) });
    }
  }
  if (only) for (const [id, p] of pages) if (p.corpus !== only) pages.delete(id);
  if (pages.size === 0) throw new Error(`no corpus pages under ${corpora}`);
  return pages;
}

/** Adds the module at `url` to the open page, marked so that it can take itself out again. */
const ADD_MODULE = (url) => {
  const script = document.createElement('script');
  script.type = 'module';
  script.src = url;
  script.dataset.bench = '';
  (document.head ?? document.documentElement).append(script);
};

/** Chromium through playwright-core; returns {version, open(url), addModule(url), close()}. */
async function chromiumDriver() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-quic', '--disable-extensions'],
  });
  const page = await browser.newPage();
  return {
    version: `Chromium ${browser.version()}`,
    open: (url) => page.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS }).catch(() => {}),
    addModule: (url) => page.evaluate(ADD_MODULE, url).catch(() => {}),
    close: () => browser.close(),
  };
}

/** Firefox through geckodriver's WebDriver HTTP API; returns {version, open(url), addModule(url), close()}. */
async function firefoxDriver() {
  const gecko = process.env.GECKODRIVER ?? path.join(process.env.HOME, '.cargo/bin/geckodriver');
  const port = 4444 + Math.floor(Math.random() * 1000);
  const proc = spawn(gecko, ['--port', String(port)], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, url, body) => {
    const res = await fetch(base + url, { method, headers: { 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${url}: ${JSON.stringify(json.value).slice(0, 300)}`);
    return json.value;
  };
  for (let i = 0; ; i++) {
    try {
      await call('GET', '/status');
      break;
    } catch (e) {
      if (i > 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const session = await call('POST', '/session', {
    capabilities: { alwaysMatch: { 'moz:firefoxOptions': { binary: '/usr/bin/firefox-esr', args: ['-headless'] }, pageLoadStrategy: 'normal' } },
  });
  const sid = session.sessionId;
  await call('POST', `/session/${sid}/timeouts`, { pageLoad: PAGE_TIMEOUT_MS });
  return {
    version: `Firefox ${session.capabilities.browserVersion}`,
    open: (url) => call('POST', `/session/${sid}/url`, { url }).catch(() => {}),
    addModule: (url) =>
      call('POST', `/session/${sid}/execute/sync`, { script: `(${ADD_MODULE})(arguments[0])`, args: [url] }).catch(() => {}),
    close: async () => {
      await call('DELETE', `/session/${sid}`).catch(() => {});
      proc.kill();
    },
  };
}

const pages = listPages();
const files = {
  '/bench/': path.join(root, 'bench/index.html'),
  '/bench/harness.js': path.join(root, 'bench/harness.js'),
  '/bench/top.js': path.join(root, 'bench/top.js'),
  '/bench/measure.js': path.join(root, 'bench/measure.js'),
  '/bench/rendered.js': path.join(root, 'src/rendered.js'),
  '/bench/Readability.js': path.join(root, 'node_modules/@mozilla/readability/Readability.js'),
  '/pkg/declutter.js': path.join(root, 'pkg/declutter.js'),
  '/pkg/declutter_bg.wasm': path.join(root, 'pkg/declutter_bg.wasm'),
};
for (const f of Object.values(files)) if (!existsSync(f)) throw new Error(`${f} is missing (make wasm; npm ci)`);
mkdirSync(out, { recursive: true });

/** How long a page opened as the tab's document may take to post its numbers. */
const TOP_RESULT_TIMEOUT_MS = 120_000;

/**
 * `--frame iframe`: the harness page goes through the list itself (asking the server for each
 * page) and says when it is done.
 */
async function runInFrames(driver, server) {
  await driver.open(`${server.origin}/bench/#${new URLSearchParams({ runs, warmup })}`);
  let timer;
  const timeout = new Promise((r) => {
    timer = setTimeout(() => r({ error: 'timed out' }), pages.size * 60_000);
  });
  const end = await Promise.race([server.done, timeout]);
  // A pending timer would keep Node running long after the results are written.
  clearTimeout(timer);
  if (end.error) console.log(`  harness: ${end.error}`);
}

/**
 * `--frame top`: each page is opened as the tab's document and bench/top.js added to it; the
 * next page waits for this one's numbers (or a time-out, recorded as the page's error).
 */
async function runOnTop(driver, server, results, waiting) {
  let index = 0;
  for (const id of pages.keys()) {
    index += 1;
    const msg = await openOnTop(driver, server, id, index, waiting);
    results.push({ ...msg, corpus: pages.get(id).corpus });
    if (msg.error) console.log(`  ${id}: ${msg.error.split('\n')[0]}`);
    if (index % 25 === 0) console.log(`  ${index}/${pages.size}`);
  }
  // Start-up: the first page's instantiation is cold; each later page's instantiates again,
  // with the browser's compiled code to hand.
  const starts = results.filter((r) => Number.isFinite(r.startMs)).map((r) => r.startMs);
  return starts.length ? { coldMs: starts[0], compileAgainMs: starts.slice(1) } : null;
}

/** Opens page `id` as the tab's document, adds bench/top.js and waits for what it posts. */
async function openOnTop(driver, server, id, index, waiting) {
  const posted = new Promise((resolve) => waiting.set(id, resolve));
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ id, error: 'no result: timed out' }), TOP_RESULT_TIMEOUT_MS);
  });
  await driver.open(`${server.origin}/page/${encodeURIComponent(id)}`);
  // The first page settles the engines, as in a frame (bench/measure.js).
  const query = new URLSearchParams({ runs, warmup, settle: index === 1 ? '1' : '0' });
  await driver.addModule(`${server.origin}/bench/top.js?${query}`);
  const msg = await Promise.race([posted, timeout]);
  clearTimeout(timer);
  waiting.delete(id);
  return msg;
}

const summaries = [];
for (const name of browsers) {
  const results = [];
  const waiting = new Map();
  let startup = null;
  const server = await startServer({
    pages,
    files,
    pageScripts: frameMode === 'top',
    onResult(msg) {
      if (msg.startup) {
        startup = msg.startup;
        return;
      }
      // On the tab, the loop above keeps each page's result (see runOnTop). A page may post
      // its result twice (bench/top.js sends it again when the browser reports a failure,
      // which it may do after the server got it): what comes after the page was left is the
      // same numbers, not another page's.
      const wait = waiting.get(msg.id);
      if (wait) return wait(msg);
      if (frameMode === 'top') return;
      results.push({ ...msg, corpus: pages.get(msg.id)?.corpus ?? 'unknown' });
      if (msg.error) console.log(`  ${msg.id}: ${msg.error.split('\n')[0]}`);
      if (results.length % 25 === 0) console.log(`  ${results.length}/${pages.size}`);
    },
  });
  const driver = await (name === 'firefox' ? firefoxDriver() : chromiumDriver());
  const where = frameMode === 'top' ? 'each page the tab\'s document' : 'each page in a frame';
  console.log(`\n${driver.version}: ${pages.size} pages, ${where}, ${warmup} warm-up + ${runs} timed runs each`);
  if (frameMode === 'top') startup = await runOnTop(driver, server, results, waiting);
  else await runInFrames(driver, server);
  await driver.close();
  await server.close();
  const raw = { browser: driver.version, date: new Date().toISOString(), frame: frameMode, runs, warmup, sample, startup, pages: results };
  writeFileSync(path.join(out, `${name}.json`), JSON.stringify(raw, null, 1));
  summaries.push(summarize(raw));
}
writeReport(summaries, out);
