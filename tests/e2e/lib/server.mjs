// The pages the end-to-end tests read, served from 127.0.0.1, and a proxy
// that every request to any other host goes through: it records the host and
// refuses the request, so nothing leaves the machine and the tests can assert
// that the extension asked for nothing outside 127.0.0.1.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SHARED = process.env.DECLUTTER_SHARED ?? '/work/shared';
export const FIXTURE_DIR = join(SHARED, 'fixtures', 'newsmax-kazakhstan');
export const CORPUS_DIR = join(SHARED, 'corpus', 'readability');
export const EXPECTED = JSON.parse(readFileSync(join(FIXTURE_DIR, 'expected.json'), 'utf8'));

/** Corpus pages the tests open (Mozilla's Readability test pages). */
export const CORPUS_PAGES = ['001', 'ars-1', 'bbc-1', 'guardian-1', 'wikipedia', 'rtl-1', 'nytimes-1', 'medium-1'];

export const NON_ARTICLE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Example Store — All products</title></head>
<body>
<header><nav><a href="/">Home</a> <a href="/shop">Shop</a> <a href="/cart">Cart</a></nav></header>
<main>
<h1>All products</h1>
<ul class="grid">
${Array.from({ length: 24 }, (_, i) => `<li><a href="/p/${i}">Product ${i + 1}</a> <span class="price">$${(i * 3 + 9).toFixed(2)}</span> <button>Add to cart</button></li>`).join('\n')}
</ul>
</main>
<footer><p>© Example Store</p></footer>
</body></html>`;

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+/p9sAAAAASUVORK5CYII=', 'base64');

export function startServer() {
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const html = (body, headers = {}) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    let m;
    if (url.pathname === '/newsmax/') return html(readFileSync(join(FIXTURE_DIR, 'page.html')));
    if (url.pathname === '/newsmax-csp/') {
      return html(readFileSync(join(FIXTURE_DIR, 'page.html')), { 'content-security-policy': "script-src 'self'" });
    }
    if (url.pathname === '/plain/') return html(NON_ARTICLE);
    if ((m = url.pathname.match(/^\/corpus\/([\w.-]+)\/$/)) && existsSync(join(CORPUS_DIR, m[1], 'source.html'))) {
      return html(readFileSync(join(CORPUS_DIR, m[1], 'source.html')));
    }
    if (url.pathname === '/favicon.ico' || /\.(png|jpe?g|gif|webp|svg|ico)$/i.test(url.pathname) || /GetFile|image/i.test(url.pathname + url.search)) {
      res.writeHead(200, { 'content-type': 'image/png' });
      return res.end(PNG_1PX);
    }
    if (/\.json$/.test(url.pathname)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{}');
    }
    if (/\.css$/.test(url.pathname)) {
      res.writeHead(200, { 'content-type': 'text/css' });
      return res.end('');
    }
    if (/\.js$/.test(url.pathname)) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end('');
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ origin: `http://127.0.0.1:${port}`, port, requests, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** A proxy that refuses everything and records what was asked for. */
export function startProxy() {
  const hosts = [];
  const server = createServer((req, res) => {
    let host = req.headers.host ?? '?';
    try {
      host = new URL(req.url).host;
    } catch {
      // keep the Host header
    }
    hosts.push({ host, url: req.url, at: Date.now() });
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('blocked by the test proxy');
  });
  server.on('connect', (req, socket) => {
    hosts.push({ host: req.url, url: `CONNECT ${req.url}`, at: Date.now() });
    socket.end('HTTP/1.1 502 Blocked\r\n\r\n');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ port: server.address().port, hosts, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) });
    });
  });
}
