// Serve the built playground (dist/www) on 127.0.0.1 only, with the page's
// Content Security Policy also sent as a header (it then covers the worker
// too) and the right types (application/wasm for streaming compilation).
//
//   node scripts/serve-www.mjs [--port 8080] [--dir dist/www]
//
// The end-to-end test imports serveWww() from here.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
export const WWW_DIST = join(ROOT, 'dist', 'www');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.md': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The policy in index.html's <meta>, so the header and the page never disagree. */
function policyOf(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
  if (!meta) throw new Error('index.html has no Content-Security-Policy meta');
  return `${meta[1]}; frame-ancestors 'none'`;
}

/**
 * Start the server. Resolves with {origin, port, requests, close()};
 * `requests` lists every path asked for.
 */
export function serveWww({ dir = WWW_DIST, port = 8080, host = '127.0.0.1' } = {}) {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html not found: run scripts/build-extension.sh and node scripts/build-www.mjs first`);
  }
  const base = resolve(dir);
  const csp = policyOf(base);
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    const headers = {
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cache-control': 'no-cache',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, 'content-type': 'text/plain' });
      res.end('method not allowed');
      return;
    }
    let path;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      path = '';
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(base, path));
    if (!path || (file !== base && !file.startsWith(base + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address();
      resolvePromise({
        origin: `http://${host}:${bound}`,
        port: bound,
        requests,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  if (args.includes('--help') || args.includes('-h')) {
    console.log('node scripts/serve-www.mjs [--port 8080] [--dir dist/www]   (127.0.0.1 only)');
    process.exit(0);
  }
  const dir = resolve(opt('dir', WWW_DIST));
  const port = Number(opt('port', process.env.PORT ?? 8080));
  serveWww({ dir, port })
    .then(({ origin }) => console.log(`declutter playground: ${origin}/  (Ctrl+C to stop)`))
    .catch((error) => {
      console.error(`serve-www: ${error.message}`);
      process.exit(1);
    });
}
