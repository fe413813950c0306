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

/**
 * A page whose live tree differs from what re-parsing its serialisation
 * gives: <template> contents, <noscript>, a <div> inside a <p> and an <a>
 * inside an <a> built by script (the parser would split them), and elements
 * a script adds after the page was serialised. Locators must check out in
 * the live page or hide nothing; the article must never be hidden.
 */
const LONG = 'The committee met on Tuesday to review the findings of the year-long inquiry into the state of the regional water supply, which residents had long criticised as unreliable and expensive. ';
export const TRICKY_PARAGRAPHS = Array.from({ length: 7 }, (_, i) => `Paragraph ${i + 1}. ${LONG.repeat(2).trim()}`);
export const TRICKY = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Inquiry finds regional water supply unreliable — The Daily Example</title>
<meta property="og:site_name" content="The Daily Example"></head>
<body>
<template id="tpl"><div class="card"><p>Template card</p><span>one</span><span>two</span></template>
<noscript><div class="nojs"><p>Please enable JavaScript to read comments.</p></div></noscript>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<div id="misnest-host"></div>
<main>
<article>
<h1>Inquiry finds regional water supply unreliable</h1>
${TRICKY_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}
</article>
<div class="newsletter-signup"><h3>Sign up for our daily newsletter</h3><p>Get the best stories in your inbox every morning.</p>
<form action="/subscribe"><input type="email" name="email" placeholder="Your email address"><button>Subscribe</button></form></div>
<section id="comments" class="comments"><h2>Comments</h2><p>Join the conversation: read and post comments on this story.</p><a href="/comments">View all comments</a></section>
</main>
<footer><p>© 2026 The Daily Example. All rights reserved.</p></footer>
<script src="/tricky.js"></script>
</body></html>`;
export const TRICKY_JS = `
// A <div> inside a <p> and an <a> inside an <a>: possible in the DOM, split by the parser.
const p = document.createElement('p');
p.append('Promo: ');
const div = document.createElement('div');
div.textContent = 'nested block';
p.append(div);
const a1 = document.createElement('a');
a1.href = '/x';
a1.textContent = 'outer ';
const a2 = document.createElement('a');
a2.href = '/y';
a2.textContent = 'inner';
a1.append(a2);
document.getElementById('misnest-host').append(p, a1);
`;

/**
 * An article page that makes noise of its own once the extension opens the
 * reader on it (the attribute the applier sets on <html>): console.error from
 * an inline script, an uncaught exception; and as it loads, a web-app
 * manifest that is not JSON and a stylesheet of some other extension (as
 * wikipedia-4 has). None of it is the extension's.
 */
export const NOISE_TEXT = 'page noise';
export const NOISE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Budget approved — The Daily Example</title>
<link rel="manifest" href="/noise/manifest.webmanifest">
<link rel="stylesheet" href="chrome-extension://hokifickgkhplphjiodbggjmoafhignh/fonts/fabric-icons.css"></head>
<body><article><h1>Budget approved</h1>
${TRICKY_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}
</article>
<script>
new MutationObserver((records, observer) => {
  if (!document.documentElement.hasAttribute('data-declutter-reader')) return;
  observer.disconnect();
  console.error('${NOISE_TEXT}: console.error from the page');
  setTimeout(() => { throw new Error('${NOISE_TEXT}: uncaught exception in the page'); });
}).observe(document.documentElement, { attributes: true });
</script>
</body></html>`;

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+/p9sAAAAASUVORK5CYII=', 'base64');

/**
 * Serve the test pages on 127.0.0.1. `routes(pathname, origin)` may answer
 * first with `{html}` or `{js}` (a test file's own pages), or null.
 */
/**
 * An article of some 6 MB: reading it takes many times the reader's 100 ms
 * before "Reading this page…" shows, on any machine we run on.
 */
export const LONG_PARAGRAPHS = 30_000;
let longPage = null;
function longArticle() {
  longPage ??= `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A very long report</title></head>
<body><article><h1>A very long report</h1>${Array.from({ length: LONG_PARAGRAPHS }, (_, i) => `<p>Section ${i + 1}. The committee heard evidence from farmers, engineers and residents about the flood defences, the pumping stations and the new drainage channels, and asked for the costs of each.</p>`).join('\n')}</article></body></html>`;
  return longPage;
}

export function startServer({ routes } = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const html = (body, headers = {}) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    const own = routes?.(url.pathname, `http://${req.headers.host}`);
    if (own?.html != null) return html(own.html, own.headers);
    if (own?.js != null) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(own.js);
    }
    let m;
    if (url.pathname === '/newsmax/') return html(readFileSync(join(FIXTURE_DIR, 'page.html')));
    if (url.pathname === '/newsmax-csp/') {
      return html(readFileSync(join(FIXTURE_DIR, 'page.html')), { 'content-security-policy': "script-src 'self'" });
    }
    if (url.pathname === '/plain/') return html(NON_ARTICLE);
    if (url.pathname === '/long/') return html(longArticle());
    if (url.pathname === '/tricky/') return html(TRICKY);
    if (url.pathname === '/noise/') return html(NOISE);
    if (url.pathname === '/noise/manifest.webmanifest') {
      res.writeHead(200, { 'content-type': 'application/manifest+json' });
      return res.end('<!DOCTYPE html><title>not a manifest</title>');
    }
    if (url.pathname === '/tricky.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(TRICKY_JS);
    }
    if ((m = url.pathname.match(/^\/corpus\/([\w.-]+)\/$/)) && existsSync(join(CORPUS_DIR, m[1], 'source.html'))) {
      // The saved pages' own scripts off: left on, they add ad tags and
      // change classes whenever their timers fire, so "the page is exactly
      // as it was after the reader closed" would fail or pass by timing
      // (nytimes-1 added a script tag mid-test in a CI run).
      return html(readFileSync(join(CORPUS_DIR, m[1], 'source.html')), { 'content-security-policy': "script-src 'none'" });
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
