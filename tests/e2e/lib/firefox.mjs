// Headless Firefox ESR driven over plain HTTP to geckodriver, with the unpacked extension
// installed as a temporary add-on. Same interface as chromium.mjs:
//   goto(url), evalPage(fn, ...args), clickAction(), reader(): {eval(fn, ...args)}, pressKey(key),
//   screenshot(file), requests, consoleErrors, restart(), close(),
//   dialogs() (an alert/confirm/prompt open now), memory() (all processes after minimizing memory).
// The toolbar click is the browser action's own triggerAction, run in the browser's chrome scope.
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile, readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { waitFor } from './wait.mjs';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export const FIREFOX_ADDON_ID = 'declutter@declutter.invalid';

function geckodriverPath() {
  const local = join(homedir(), '.cargo', 'bin', 'geckodriver');
  return process.env.GECKODRIVER || (existsSync(local) ? local : 'geckodriver');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Preferences that keep Firefox off the network (the test machine has none) and quiet. */
const PREFS = {
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.update.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.startup.homepage': 'about:blank',
  'browser.ping-centre.telemetry': false,
  'services.settings.server': 'http://127.0.0.1:9/',
  'browser.region.network.url': '',
  'browser.topsites.contile.enabled': false,
  'media.gmp-manager.url': '',
  'dom.security.https_first': false,
};

export async function launchFirefox({ extensionDir, profileDir, log = () => {} }) {
  const profile = profileDir || await mkdtemp(join(tmpdir(), 'declutter-firefox-'));
  const downloads = await mkdtemp(join(tmpdir(), 'declutter-firefox-downloads-'));
  const port = await freePort();
  const driver = spawn(geckodriverPath(), ['--port', String(port), '--allow-system-access'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let driverErr = '';
  driver.stderr.on('data', (d) => { driverErr = (driverErr + d).slice(-4000); });
  const base = `http://127.0.0.1:${port}`;

  async function http(method, path, body) {
    const res = await fetch(base + path, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json();
    if (json.value && json.value.error) {
      throw new Error(`${method} ${path}: ${json.value.error}: ${json.value.message}`);
    }
    return json.value;
  }

  await waitFor(() => fetch(`${base}/status`).then((r) => r.ok).catch(() => false), {
    timeout: 15_000, what: 'geckodriver to listen',
  });

  const session = { name: 'firefox', profile, requests: [], consoleErrors: [], id: null };
  const s = (path) => `/session/${session.id}${path}`;
  const exec = (script, args = []) => http('POST', s('/execute/sync'), { script, args });
  const call = (fn, args) => exec(`return (${fn}).apply(null, arguments);`, args);

  async function inChrome(fn, args = []) {
    await http('POST', s('/moz/context'), { context: 'chrome' });
    try {
      return await call(fn, args);
    } finally {
      await http('POST', s('/moz/context'), { context: 'content' });
    }
  }

  async function start() {
    const caps = await http('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'firefox',
          'moz:firefoxOptions': {
            binary: '/usr/bin/firefox-esr',
            args: ['-headless', '-profile', profile],
            prefs: {
              ...PREFS,
              // Downloads land in a known folder without a dialog.
              'browser.download.folderList': 2,
              'browser.download.dir': downloads,
              'browser.download.useDownloadDir': true,
              'browser.download.always_ask_before_handling_new_types': false,
              'browser.download.alwaysOpenPanel': false,
            },
          },
        },
      },
    });
    session.id = caps.sessionId;
    await http('POST', s('/window/rect'), { width: 1100, height: 900 });
    await http('POST', s('/moz/addon/install'), { path: extensionDir, temporary: true });
    // Requests and console errors are observed from the browser's side, where every context
    // (page, extension pages, background) is visible.
    await inChrome(() => {
      const win = Services.wm.getMostRecentWindow('navigator:browser');
      win.declutterRequests = [];
      const observer = {
        observe(subject) {
          const channel = subject.QueryInterface(Ci.nsIChannel);
          // Firefox's own services (system principal) are not the page's or the extension's doing.
          const principal = channel.loadInfo && channel.loadInfo.triggeringPrincipal;
          if (principal && principal.isSystemPrincipal) return;
          win.declutterRequests.push({
            url: channel.URI.spec,
            type: channel.loadInfo.externalContentPolicyType === Ci.nsIContentPolicy.TYPE_IMAGE ? 'image' : String(channel.loadInfo.externalContentPolicyType),
            fromExtension: Boolean(principal && principal.addonId),
          });
        },
      };
      Services.obs.addObserver(observer, 'http-on-modify-request');
      win.declutterConsoleStart = Services.console.getMessageArray().length;
    });
  }

  Object.assign(session, {
    async goto(url) {
      await http('POST', s('/url'), { url });
    },
    evalPage(fn, ...args) {
      return call(fn, args);
    },
    async reader() {
      const frameRef = await waitFor(
        () => http('POST', s('/element'), { using: 'css selector', value: 'dialog[open] > iframe' }).catch(() => null),
        { timeout: 10_000, what: 'the reader frame' },
      );
      const inFrame = async (work) => {
        await http('POST', s('/frame'), { id: frameRef });
        try {
          return await work();
        } finally {
          await http('POST', s('/frame/parent'), {});
        }
      };
      return {
        eval: (fn, ...args) => inFrame(() => call(fn, args)),
        /** A WebDriver element click: real input, with the user activation a script's click() lacks. */
        click: (selector) => inFrame(async () => {
          const el = await http('POST', s('/element'), { using: 'css selector', value: selector });
          await http('POST', s(`/element/${el[ELEMENT]}/click`), {});
        }),
      };
    },
    async clickAction({ expectOpen = null } = {}) {
      const before = await session.evalPage(() => Boolean(document.querySelector('dialog[open] > iframe')));
      const want = expectOpen ?? !before;
      // The click's time is taken in the browser, right before the action fires, so the
      // WebDriver round trips are not counted in click-to-paint.
      const clickedAt = await inChrome((id) => {
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const extension = ExtensionParent.GlobalManager.getExtension(id);
        const win = Services.wm.getMostRecentWindow('navigator:browser');
        const at = Date.now();
        ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(win);
        return at;
      }, [FIREFOX_ADDON_ID]);
      await waitFor(
        () => session.evalPage((w) => Boolean(document.querySelector('dialog[open] > iframe')) === w, want),
        { timeout: 10_000, what: want ? 'the reader view to open' : 'the reader view to close' },
      );
      return { clickedAt, attempt: 1 };
    },
    async extensionUrl(path) {
      const base = await inChrome((id) => {
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        return ExtensionParent.GlobalManager.getExtension(id).baseURL;
      }, [FIREFOX_ADDON_ID]);
      return base + path;
    },
    /** Runs `action` (which starts a download) and returns the saved file's name and text. */
    async download(action) {
      const before = new Set(await readdir(downloads));
      await action();
      // Firefox may write a download under a temporary name and rename it when done, so the
      // file is looked for anew on every poll, and it counts once its name and size hold still.
      let name = '';
      let text = '';
      await waitFor(async () => {
        const files = (await readdir(downloads)).filter((f) => !before.has(f) && !f.endsWith('.part'));
        if (files.length !== 1) return false;
        // A file renamed between listing and reading throws here; waitFor polls again.
        const next = await readFile(join(downloads, files[0]), 'utf8');
        const stable = next.length > 0 && files[0] === name && next === text;
        name = files[0];
        text = next;
        return stable;
      }, { timeout: 20_000, interval: 100, what: 'the download to be written' });
      return { name, text };
    },
    /** Presses Alt+Shift+<letter> in the browser window, where extension shortcuts live. */
    async shortcut(letter) {
      await http('POST', s('/moz/context'), { context: 'chrome' });
      try {
        const alt = '\uE00A';
        const shift = '\uE008';
        await http('POST', s('/actions'), {
          actions: [{
            type: 'key',
            id: 'shortcut',
            actions: [
              { type: 'keyDown', value: alt }, { type: 'keyDown', value: shift },
              { type: 'keyDown', value: letter }, { type: 'keyUp', value: letter },
              { type: 'keyUp', value: shift }, { type: 'keyUp', value: alt },
            ],
          }],
        });
        await http('DELETE', s('/actions'));
      } finally {
        await http('POST', s('/moz/context'), { context: 'content' });
      }
    },
    async dialogs() {
      try {
        const text = await http('GET', s('/alert/text'));
        await http('POST', s('/alert/dismiss'), {});
        return [text];
      } catch (err) {
        if (/no such alert/.test(err.message)) return [];
        throw err;
      }
    },
    /**
     * Memory of every Firefox process (parent, pages, extensions) after the browser has been
     * asked to collect garbage and shrink everywhere, in bytes.
     */
    async memory() {
      await http('POST', s('/moz/context'), { context: 'chrome' });
      try {
        const script = `const done = arguments[arguments.length - 1];
          const mgr = Cc['@mozilla.org/memory-reporter-manager;1'].getService(Ci.nsIMemoryReporterManager);
          mgr.minimizeMemoryUsage(() => {
            ChromeUtils.requestProcInfo().then((info) => {
              const all = [info, ...info.children];
              done({ processes: all.length, residentBytes: all.reduce((n, p) => n + (p.memory || 0), 0) });
            });
          });`;
        return await http('POST', s('/execute/async'), { script, args: [] });
      } finally {
        await http('POST', s('/moz/context'), { context: 'content' });
      }
    },
    async pressKey(key) {
      const value = { Escape: '\uE00C', Tab: '\uE004', Enter: '\uE007' }[key] || key;
      await http('POST', s('/actions'), {
        actions: [{ type: 'key', id: 'kbd', actions: [{ type: 'keyDown', value }, { type: 'keyUp', value }] }],
      });
      await http('DELETE', s('/actions'));
    },
    async screenshot(file) {
      const b64 = await http('GET', s('/screenshot'));
      await writeFile(file, Buffer.from(b64, 'base64'));
    },
    /** Network requests and console errors seen so far (refreshed from the browser). */
    async collect() {
      const seen = await inChrome(() => {
        const win = Services.wm.getMostRecentWindow('navigator:browser');
        const errors = Services.console.getMessageArray()
          .slice(win.declutterConsoleStart)
          .filter((m) => m instanceof Ci.nsIScriptError && !(m.flags & Ci.nsIScriptError.warningFlag))
          .map((m) => `${m.sourceName}: ${m.errorMessage}`);
        return { requests: win.declutterRequests.slice(), errors };
      });
      session.requests = seen.requests;
      session.consoleErrors = seen.errors;
      return seen;
    },
    async restart() {
      await http('DELETE', s(''));
      await start();
    },
    async close() {
      try {
        if (session.id) await http('DELETE', s(''));
      } finally {
        driver.kill();
      }
    },
    driverLog: () => driverErr,
  });
  try {
    await start();
  } catch (err) {
    driver.kill();
    throw err;
  }
  return session;
}
