// The two browsers the demo page is tested in, behind one small interface so that every scenario
// is written once:
//   Chromium: playwright-core driving Debian's /usr/bin/chromium.
//   Firefox:  geckodriver over plain HTTP (WebDriver classic), plus its WebDriver BiDi socket for
//             what classic WebDriver cannot report: console messages and the requests made.
//
// driver.run(fn, arg) runs `fn(arg)` in the page (awaiting a returned promise) and returns its
// JSON result. Both paths compile `fn` outside the page's script policy.

import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const VIEWPORT = { width: 1440, height: 1000 };

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const GECKODRIVER =
  process.env.GECKODRIVER ??
  [join(homedir(), '.cargo/bin/geckodriver'), '/usr/bin/geckodriver', '/usr/local/bin/geckodriver'].find((p) =>
    existsSync(p),
  ) ??
  'geckodriver';

/**
 * @typedef {object} Driver
 * @property {string} name
 * @property {string[]} errors console errors and uncaught exceptions, as text
 * @property {string[]} requests every URL the page asked for
 * @property {(url: string) => Promise<void>} goto
 * @property {<T>(fn: (arg: any) => T | Promise<T>, arg?: any) => Promise<T>} run
 * @property {(selector: string) => Promise<void>} click a real pointer click in the page
 * @property {(x: number, y: number) => Promise<void>} pointerClick a real click at viewport coordinates
 *   (how the tests click inside the sandboxed frame: geckodriver's element commands cannot act in a
 *   frame where scripts are disabled, and input at a point is what a user produces anyway)
 * @property {(x: number, y: number) => Promise<void>} pointerMove a real pointer move to viewport coordinates
 * @property {(key: 'Enter' | 'Tab' | 'Escape') => Promise<void>} press a real key press
 * @property {(selector: string, path: string) => Promise<void>} setFile chooses a file in a file input
 * @property {(path: string) => Promise<void>} screenshot
 * @property {() => Promise<void>} close
 */

/** @returns {Promise<Driver>} */
export async function launchChromium() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  const page = await browser.newPage({ viewport: VIEWPORT });
  const errors = [];
  const requests = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  return {
    name: 'chromium',
    errors,
    requests,
    goto: async (url) => {
      await page.goto(url);
    },
    run: (fn, arg) => page.evaluate(fn, arg),
    click: (selector) => page.click(selector),
    pointerClick: (x, y) => page.mouse.click(x, y),
    pointerMove: (x, y) => page.mouse.move(x, y),
    press: (key) => page.keyboard.press(key),
    setFile: (selector, path) => page.setInputFiles(selector, path),
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    close: () => browser.close(),
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const KEYS = { Enter: '\uE007', Tab: '\uE004', Escape: '\uE00C' };
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** @returns {Promise<Driver>} */
export async function launchFirefox() {
  if (typeof WebSocket === 'undefined') {
    throw new Error('WebSocket is missing: run node with --experimental-websocket (Node 20) or use Node 22+');
  }
  const port = await freePort();
  const profileRoot = await mkdtemp(join(tmpdir(), 'declutter-demo-ff-'));
  const driverProc = spawn(GECKODRIVER, ['--host', '127.0.0.1', '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, TMPDIR: profileRoot },
  });
  let driverLog = '';
  driverProc.stderr.on('data', (d) => {
    driverLog = (driverLog + d).slice(-4000);
  });
  const base = `http://127.0.0.1:${port}`;

  async function call(method, path, body) {
    const res = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) {
      const v = json.value ?? {};
      throw new Error(`${method} ${path}: ${v.error ?? res.status}: ${v.message ?? ''}`);
    }
    return json.value;
  }

  // geckodriver answers once it is listening; a bounded wait, then its own log as the reason.
  for (let i = 0; ; i += 1) {
    try {
      await call('GET', '/status');
      break;
    } catch (err) {
      if (i >= 100) throw new Error(`geckodriver did not start: ${err.message}\n${driverLog}`);
      await sleep(100);
    }
  }

  const session = await call('POST', '/session', {
    capabilities: {
      alwaysMatch: {
        browserName: 'firefox',
        webSocketUrl: true,
        'moz:firefoxOptions': {
          binary: FIREFOX,
          args: ['-headless'],
          prefs: {
            // Quiet: no background traffic from the browser itself during the tests.
            'app.update.disabledForTesting': true,
            'browser.safebrowsing.malware.enabled': false,
            'browser.safebrowsing.phishing.enabled': false,
            'network.captive-portal-service.enabled': false,
            'network.connectivity-service.enabled': false,
            'datareporting.policy.dataSubmissionEnabled': false,
            'toolkit.telemetry.enabled': false,
          },
        },
      },
    },
  });
  const sid = session.sessionId;
  const s = (path) => `/session/${sid}${path}`;
  await call('POST', s('/window/rect'), { x: 0, y: 0, ...VIEWPORT });

  const errors = [];
  const requests = [];
  const socket = new WebSocket(session.capabilities.webSocketUrl);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', () => reject(new Error('BiDi socket failed')), { once: true });
  });
  let nextId = 1;
  const pending = new Map();
  socket.addEventListener('message', (ev) => {
    const msg = JSON.parse(String(ev.data));
    if (msg.id !== undefined && pending.has(msg.id)) {
      pending.get(msg.id)(msg);
      pending.delete(msg.id);
    } else if (msg.method === 'log.entryAdded' && msg.params.level === 'error') {
      errors.push(`${msg.params.text} (${msg.params.source?.context ?? ''})`);
    } else if (msg.method === 'network.beforeRequestSent') {
      requests.push(msg.params.request.url);
    }
  });
  const bidi = (method, params) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (msg) => (msg.error ? reject(new Error(`${method}: ${msg.message}`)) : resolve(msg.result)));
      socket.send(JSON.stringify({ id, method, params }));
    });
  await bidi('session.subscribe', { events: ['log.entryAdded', 'network.beforeRequestSent'] });

  async function pointer(actions) {
    await call('POST', s('/actions'), {
      actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }],
    });
  }

  async function find(selector) {
    const el = await call('POST', s('/element'), { using: 'css selector', value: selector });
    return el[ELEMENT];
  }

  return {
    name: 'firefox',
    errors,
    requests,
    goto: async (url) => {
      await call('POST', s('/url'), { url });
    },
    run: async (fn, arg) => {
      const script =
        'const done = arguments[arguments.length - 1];' +
        `Promise.resolve().then(() => (${fn.toString()})(${JSON.stringify(arg ?? null)}))` +
        '.then((v) => done({ ok: v === undefined ? null : v }), (e) => done({ err: String((e && e.stack) || e) }));';
      const out = await call('POST', s('/execute/async'), { script, args: [] });
      if (out && 'err' in out) throw new Error(out.err);
      return out?.ok;
    },
    click: async (selector) => {
      await call('POST', s(`/element/${await find(selector)}/click`), {});
    },
    pointerClick: (x, y) =>
      pointer([
        { type: 'pointerMove', x, y, origin: 'viewport' },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerUp', button: 0 },
      ]),
    pointerMove: (x, y) => pointer([{ type: 'pointerMove', x, y, origin: 'viewport' }]),
    press: async (key) => {
      await call('POST', s('/actions'), {
        actions: [
          {
            type: 'key',
            id: 'keyboard',
            actions: [
              { type: 'keyDown', value: KEYS[key] },
              { type: 'keyUp', value: KEYS[key] },
            ],
          },
        ],
      });
    },
    setFile: async (selector, path) => {
      await call('POST', s(`/element/${await find(selector)}/value`), { text: path });
    },
    screenshot: async (path) => {
      const b64 = await call('GET', s('/screenshot'));
      await writeFile(path, Buffer.from(b64, 'base64'));
    },
    close: async () => {
      try {
        socket.close();
        await call('DELETE', s(''));
      } finally {
        driverProc.kill('SIGTERM');
        await new Promise((r) => (driverProc.exitCode !== null ? r() : driverProc.once('exit', r)));
        await rm(profileRoot, { recursive: true, force: true });
      }
    },
  };
}
