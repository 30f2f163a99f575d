// A static server for browser tests, on 127.0.0.1 and a free port. It records every request so a
// test can check what the browser fetched, and can add response headers per request (e.g. a strict
// CSP) through the query string, so one page can be served with and without them.
//
//   /fixtures/<slug>/...  → tests/fixtures/<slug>/...   (the shared fixture corpus)
//   /pages/...            → tests/e2e/pages/...          (small pages made for the browser tests)
//   /generated/...        → pages built per request (lib/generated-pages.mjs)
//   ?csp=strict           → adds `Content-Security-Policy: script-src 'self'`
//
// Usage: const server = await startServer(); server.url('/pages/a.html'); server.requests; await server.close();
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, normalize, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { xssSuite, xssPage, bigPage } from './generated-pages.mjs';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const ROOTS = {
  fixtures: join(repoRoot, 'tests', 'fixtures'),
  pages: join(repoRoot, 'tests', 'e2e', 'pages'),
};

const TYPES = {
  // No charset: pages declare their own (a legacy fixture is windows-1252), as on the web.
  '.html': 'text/html',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

const CSP = { strict: "script-src 'self'" };

let suite = null;

/** A generated page as {body, headers}, or null for a path that names none. */
function generated([kind, arg], url, origin) {
  if (kind === 'xss') {
    suite ??= xssSuite(repoRoot);
    const n = Number(arg);
    if (!Number.isInteger(n) || n < 0 || n >= suite.vectors.length) return null;
    const headers = url.searchParams.has('unsafe') ? {} : { 'content-security-policy': "script-src 'none'" };
    return { body: xssPage(suite, n, origin), headers };
  }
  if (kind === 'big') return { body: bigPage(Number(url.searchParams.get('mb')) || 20), headers: {} };
  return null;
}

export async function startServer() {
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push({ method: req.method, path: url.pathname + url.search, at: Date.now() });
    if (url.pathname === '/favicon.ico') {
      // Browsers ask for it on every page; an empty answer keeps 404s out of the console.
      res.writeHead(204).end();
      return;
    }
    const [, rootName, ...rest] = url.pathname.split('/');
    if (rootName === 'generated') {
      const page = generated(rest, url, `http://${req.headers.host}`);
      if (!page) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...page.headers }).end(page.body);
      return;
    }
    const root = ROOTS[rootName];
    const file = root && normalize(join(root, ...rest.map(decodeURIComponent)));
    if (!file || !file.startsWith(root + sep)) {
      res.writeHead(404).end('not found');
      return;
    }
    try {
      const body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
      const csp = CSP[url.searchParams.get('csp')];
      if (csp) headers['content-security-policy'] = csp;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    requests,
    url: (path) => origin + path,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(resolve);
    }),
  };
}
