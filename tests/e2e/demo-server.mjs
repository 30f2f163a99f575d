// A small static file server for the demo page (dist/www): correct types for .wasm and modules,
// no caching, loopback only. `make serve` runs it; the browser tests start it in-process.
//
//   node tests/e2e/demo-server.mjs [ROOT] [PORT]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

/**
 * Serves `root` on 127.0.0.1. Port 0 picks a free port; a busy fixed port is an error unless
 * `tryNext` lets it move on to the next ones.
 * @returns {Promise<{url: string, port: number, requests: string[], close: () => Promise<void>}>}
 */
export async function serve({ root, port = 0, tryNext = 0 }) {
  const base = resolve(root);
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url ?? '');
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = resolve(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      const missing = err && (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'EISDIR');
      res.writeHead(missing ? 404 : 500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(missing ? 'not found\n' : 'server error\n');
    }
  });
  for (let attempt = 0; ; attempt += 1) {
    try {
      await new Promise((ok, fail) => {
        server.once('error', fail);
        server.listen(port + (port ? attempt : 0), '127.0.0.1', () => {
          server.off('error', fail);
          ok();
        });
      });
      break;
    } catch (err) {
      if (err.code !== 'EADDRINUSE' || attempt >= tryNext) throw err;
    }
  }
  const actual = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    requests,
    // Kept-alive connections are cut too: once closed, the page can reach nothing.
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = process.argv[2] ?? 'dist/www';
  const port = Number(process.argv[3] ?? process.env.PORT ?? 8765);
  const { url } = await serve({ root, port, tryNext: port ? 20 : 0 });
  console.log(`Declutter demo: ${url}  (serving ${root}; Ctrl-C to stop)`);
  const stop = () => process.exit(0);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
