// The benchmark's local web server (127.0.0.1 only).
//
// /bench/ is the harness page: it loads Readability.js and the wasm package once, then loads the
// corpus pages one after another into a same-origin iframe (asking /next for each) and posts the
// numbers to /result. Corpus pages are served as they were saved, under a Content Security Policy
// that blocks all their scripts and every request off this server, so only the extractors run.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

// Inline styles stay: they decide what the page hides. With `pageScripts`, scripts from this
// server run (the benchmark's own, added to the page by the driver): the page's inline scripts
// and handlers stay blocked, and this server has none of the scripts the page links to.
const pageCsp = (pageScripts) =>
  [
    "default-src 'self' data:",
    pageScripts ? "script-src 'self' 'wasm-unsafe-eval'" : "script-src 'none'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "frame-src 'none'",
    "object-src 'none'",
  ].join('; ');
// 'wasm-unsafe-eval' is all the harness page needs beyond its own scripts.
const HARNESS_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

// Cross-origin isolation for the harness and the pages in its iframe: without it both browsers
// coarsen performance.now() (Firefox to 1 ms), too coarse for pages that take a few ms.
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
};

/**
 * Starts the server. `pages` maps an id to {file}, served in order through /next; `files` maps a
 * URL path to a file on disk. Calls `onResult(msg)` for each posted result; resolves `done` when
 * the harness reports the end of the list. `pageScripts`: the pages may run this server's
 * scripts (see pageCsp).
 */
export async function startServer({ pages, files, onResult, pageScripts = false }) {
  const PAGE_CSP = pageCsp(pageScripts);
  const ids = [...pages.keys()];
  let next = 0;
  let finish;
  const done = new Promise((resolve) => (finish = resolve));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/result') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.writeHead(204).end();
        try {
          const msg = JSON.parse(body);
          if (msg.done) finish(msg);
          else onResult(msg);
        } catch (e) {
          onResult({ error: `bad result: ${e}` });
        }
      });
      return;
    }
    if (url.pathname === '/next') {
      const id = next < ids.length ? ids[next++] : null;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ id, index: next, total: ids.length }));
      return;
    }
    const page = url.pathname.startsWith('/page/') ? pages.get(decodeURIComponent(url.pathname.slice(6))) : null;
    if (page) {
      let bytes = readFileSync(page.file);
      if (page.file.endsWith('.gz')) bytes = gunzipSync(bytes);
      // No charset in the header: the browser reads the page's own <meta charset>, as online.
      // A page's own <meta> CSP would add to ours and could forbid nothing more that matters
      // here (its scripts are already blocked), so it is left as it is.
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Security-Policy': PAGE_CSP, 'Cache-Control': 'no-store', ...ISOLATION });
      res.end(bytes);
      return;
    }
    const file = files[url.pathname];
    if (file) {
      const headers = { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...ISOLATION };
      if (url.pathname === '/bench/') headers['Content-Security-Policy'] = HARNESS_CSP;
      res.writeHead(200, headers);
      res.end(readFileSync(file));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    done,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
