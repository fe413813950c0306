// Issue 13, rows 1, 2 and 5: a hostile page against the reader, the panel
// and the exports, in real headless Chromium and Firefox ESR with the
// built packages (drivers: lib/drivers.mjs).
//
//   1. A capture-phase click listener on `window` (and a MutationObserver)
//      that rewrites every download link it sees and reads blob URLs: the
//      files saved from the reader and the panel are byte for byte the
//      core's exports, and the page sees no link, no blob and no click.
//   2. Page script that presses the reader's and the panel's controls with
//      synthetic events, reads and writes through their shadow roots,
//      forges window messages to the frames, and hides them with
//      `:is()`/`!important` CSS and inline styles: no setting changes, no
//      download starts, nothing shown changes, the views stay visible.
//   5. The reader's second sanitising pass, run on markup the core's
//      sanitiser never lets through (java\tscript:, \x01javascript:, SVG
//      <animate>/<set>, MathML href, formaction, ...): nothing survives.
//
//   scripts/build-extension.sh && node --test tests/e2e/isolation.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startProxy, startServer } from './lib/server.mjs';
import { CHROME_DIST, CHROMIUM } from './lib/chromium.mjs';
import { firefoxMissing, FIREFOX_ZIP } from './lib/firefox.mjs';
import { chromiumDriver, firefoxDriver, waitFor, waitInFrame } from './lib/drivers.mjs';
import * as P from './lib/page.mjs';

const TITLE = 'Harbour bridge reopens after repairs';
const PARAGRAPHS = [
  'Dr. Ana Lima opened the old swing bridge on Thursday morning, and cyclists, ferry passengers and delivery drivers crossed it again before the rush had even begun.',
  'The repairs took eighteen months and cost 4.5 million euros, the harbour authority said, and the deck itself was lifted out by crane, cleaned and painted green.',
  'Ferry traffic was diverted to the north quay while the work went on, and several shops near the bridge lost customers during the closure of the crossing.',
  'The bridge opens twice an hour in summer to let sailing boats through, and a new sign at each end shows when the next opening is due, to the minute.',
];

// The page's own script, running from the start: it rewrites every download
// link it can see (capture phase on window, and as links are added) to its
// own file, and keeps what it saw.
const HOSTILE_SCRIPT = `
window.__seen = { clicks: 0, links: [], blobs: [] };
const evil = 'data:text/html,' + encodeURIComponent('<script>alert(1)<\\/script>EVIL');
const grab = (a) => {
  if (!a || a.localName !== 'a' || !a.hasAttribute('download')) return;
  window.__seen.links.push(a.href);
  if (a.href.startsWith('blob:')) fetch(a.href).then((r) => r.text()).then((t) => window.__seen.blobs.push(t), () => {});
  a.href = evil;
};
for (const type of ['click', 'mousedown', 'pointerdown', 'keydown']) {
  window.addEventListener(type, (event) => {
    window.__seen.clicks += 1;
    for (const node of event.composedPath()) grab(node);
  }, true);
}
new MutationObserver((records) => {
  for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) { grab(n); n.querySelectorAll?.('a').forEach(grab); }
}).observe(document.documentElement, { childList: true, subtree: true });
`;
// The page's CSS against the extension's elements.
const HOSTILE_CSS = `
:is(declutter-reader, declutter-panel, declutter-export, [data-declutter-own]) { display: none !important; visibility: hidden !important; opacity: 0 !important; }
html > declutter-reader, html > declutter-panel { width: 0 !important; height: 0 !important; transform: scale(0) !important; }
iframe { display: none !important; }
`;
const PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${TITLE} — The Daily Example</title>
<style>${HOSTILE_CSS}</style><script>${HOSTILE_SCRIPT}</script></head>
<body><article><h1>${TITLE}</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}</article>
<aside class="newsletter"><h2>Sign up for our newsletter</h2><form><input type="email" placeholder="Your email"><button>Subscribe</button></form></aside>
</body></html>`;

function routes(path) {
  if (path === '/hostile/') return { html: PAGE };
  return null;
}

// ------------------------------------------------------------ in the page

/**
 * Everything a page script can try against the extension's views: returns
 * what it managed to reach (all of it should be nothing).
 */
function attack() {
  const reached = [];
  for (const host of document.querySelectorAll('declutter-reader, declutter-panel')) {
    if (host.shadowRoot) reached.push(`${host.localName}: shadowRoot`);
    // Synthetic clicks and keys on the host and anything the page can find.
    for (const type of ['click', 'mousedown', 'mouseup']) host.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true }));
    host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    host.click();
    // Inline styles against it.
    for (const [name, value] of [['display', 'none'], ['visibility', 'hidden'], ['opacity', '0'], ['width', '0'], ['height', '0']]) host.style.setProperty(name, value, 'important');
    try {
      host.attachShadow({ mode: 'open' });
      reached.push(`${host.localName}: a shadow root of the page's`);
    } catch {
      // it has one already
    }
  }
  for (const el of document.querySelectorAll('[data-action], [data-theme-choice], button, a[download]')) {
    if (el.closest('declutter-reader, declutter-panel')) reached.push(`a control: ${el.outerHTML.slice(0, 60)}`);
  }
  document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  // Forged messages to every frame: the extension's frames take none.
  for (let i = 0; i < window.frames.length; i++) {
    for (const data of [{ call: 'download', args: ['html'] }, { id: 1, call: 'close', args: [] }, { reply: 1, value: { extraction: {} } }, 'close']) {
      try {
        window.frames[i].postMessage(data, '*');
      } catch {
        // cross-origin
      }
    }
    try {
      reached.push(`frame ${i}: ${window.frames[i].document.title}`);
    } catch {
      // cross-origin: no document
    }
  }
  // Settings: the extension's storage is not the page's.
  if (globalThis.chrome?.storage || globalThis.browser?.storage) reached.push('extension storage');
  return reached;
}

/** Whether the page's CSS and inline styles left the view `tag` on screen. */
function onScreen(tag) {
  const host = document.querySelector(tag);
  if (!host) return { present: false };
  const style = getComputedStyle(host);
  const rect = host.getBoundingClientRect();
  return { present: true, display: style.display, visibility: style.visibility, opacity: style.opacity, transform: style.transform, width: Math.round(rect.width), height: Math.round(rect.height) };
}

// ---------------------------------------------------- in the reader frame

/** The article as the reader shows it, and the reader's settings. */
function readerShown() {
  const root = document.querySelector('declutter-reader')?.shadowRoot;
  const view = root?.querySelector('.root');
  if (!root?.querySelector('article')) return null;
  return {
    title: root.querySelector('h1.title')?.textContent,
    paragraphs: Array.from(root.querySelectorAll('.content p')).map((p) => p.textContent.replace(/\s+/g, ' ').trim()),
    theme: view.dataset.theme,
    size: view.style.getPropertyValue('--size'),
  };
}

/**
 * The reader's second pass (frame/sanitise.js) over markup that only a
 * failing core would hand it: what survives that could run, load, submit
 * or change the base.
 */
function secondPass(vectors) {
  const D = globalThis[Symbol.for('declutter.test')];
  const survivors = [];
  for (const html of vectors) {
    const parsed = new DOMParser().parseFromString(`<!DOCTYPE html><body>${html}`, 'text/html');
    D.sanitise(parsed.body);
    for (const el of parsed.body.querySelectorAll('*')) {
      if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') survivors.push(`${html} → <${el.localName}> (${el.namespaceURI})`);
      if (['script', 'style', 'iframe', 'object', 'embed', 'form', 'button', 'input', 'base', 'meta', 'link', 'svg', 'math', 'animate', 'set', 'template'].includes(el.localName)) survivors.push(`${html} → <${el.localName}>`);
      for (const { name, value } of Array.from(el.attributes)) {
        let scheme = null;
        try {
          scheme = new URL(value, 'https://example.org/').protocol;
        } catch {
          // no URL
        }
        if (name.startsWith('on') || ['style', 'srcdoc', 'formaction', 'action', 'xlink:href', 'attributename', 'to', 'values', 'from', 'by'].includes(name)) survivors.push(`${html} → ${el.localName}[${name}]`);
        if (['href', 'src'].includes(name) && !['http:', 'https:', 'mailto:'].includes(scheme)) survivors.push(`${html} → ${el.localName}[${name}=${value}]`);
      }
    }
  }
  return survivors;
}

// Markup the core's sanitiser never writes: each would run or load
// something if the second pass let it through.
const SECOND_PASS_VECTORS = [
  '<a href="java\tscript:alert(1)">tab</a>',
  '<a href="java&#9;script:alert(1)">tab entity</a>',
  '<a href="\x01javascript:alert(1)">C0</a>',
  '<a href=" &#1;javascript:alert(1)">C0 entity</a>',
  '<a href="JaVaScRiPt:alert(1)">case</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<a href="data:text/html,<script>alert(1)</script>">data</a>',
  '<img src="javascript:alert(1)">',
  '<img src="x" onerror="alert(1)">',
  '<svg><a xlink:href="javascript:alert(1)"><text y="20">svg link</text></a></svg>',
  '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text y="20">animate</text></a></svg>',
  '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text y="20">set</text></a></svg>',
  '<math><mi href="javascript:alert(1)">math href</mi></math>',
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  '<form action="https://evil.example/"><button formaction="javascript:alert(1)">go</button></form>',
  '<button formaction="javascript:alert(1)">formaction</button>',
  '<input type="image" formaction="javascript:alert(1)">',
  '<p style="background:url(javascript:alert(1))">style</p>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<base href="javascript:/">',
  '<object data="javascript:alert(1)"></object>',
  '<p><a href="//evil.example/x">scheme-relative</a></p>',
  '<details open ontoggle="alert(1)"><summary>t</summary></details>',
  '<template><img src=x onerror=alert(1)></template>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
];

const BROWSERS = [
  {
    name: 'Chromium',
    missing: () => (!existsSync(CHROMIUM) ? `no ${CHROMIUM}` : !existsSync(join(CHROME_DIST, 'manifest.json')) ? 'dist/chrome not built' : null),
    launch: (proxyPort) => chromiumDriver({ proxyPort }),
  },
  {
    name: 'Firefox',
    missing: () => firefoxMissing() ?? (!existsSync(FIREFOX_ZIP) ? 'dist/declutter-firefox.zip not built' : null),
    launch: (proxyPort) => firefoxDriver({ proxyPort }),
  },
];

for (const browser of BROWSERS) {
  // A missing browser or package fails the run: CI must not pass by skipping.
  describe(`isolation from page script in ${browser.name}`, () => {
    let server;
    let proxy;
    let driver;

    before(async () => {
      const missing = browser.missing();
      assert.equal(missing, null, missing ?? '');
      server = await startServer({ routes });
      proxy = await startProxy();
      driver = await browser.launch(proxy.port);
    });

    after(async () => {
      await driver?.close();
      await server?.close();
      await proxy?.close();
    });

    const settings = () => driver.inContent(async () => (await (globalThis.browser ?? globalThis.chrome).storage.sync.get('reader')).reader ?? null);

    async function openReader() {
      await driver.open(`${server.origin}/hostile/`);
      await driver.click();
      return waitInFrame(driver, 'reader', readerShown, null, 'the reader');
    }

    it('row 1: exports saved from the reader and the panel are byte for byte the core\'s, whatever a capture listener on window does; the page sees no link, blob or click', async () => {
      await openReader();
      for (const format of ['md', 'txt', 'html']) {
        const expected = await driver.command({ cmd: 'export', format, inline: true });
        assert.ok(expected?.body?.length > 100, `the core's .${format}: ${JSON.stringify(expected).slice(0, 200)}`);
        await driver.pressIn('reader', `[data-action="download-${format}"]`);
        const file = await driver.downloaded(new RegExp(`\\.${format}$`));
        assert.equal(file.name, expected.name, `.${format}: the file name`);
        assert.equal(file.text, expected.body, `.${format}: the saved file is the core's export, byte for byte`);
        assert.ok(!file.text.includes('EVIL'), `.${format}: not the page's file`);
      }
      // The same from the panel, and from a command (the context menu's way).
      await driver.pressIn('reader', '[data-action="declutter"]');
      await waitInFrame(driver, 'panel', P.panelInfo, null, 'the panel');
      const before = await driver.downloadCount();
      await driver.pressIn('panel', '[data-action="download-md"]');
      const md = await driver.command({ cmd: 'export', format: 'md', inline: true });
      const start = Date.now();
      while (await driver.downloadCount() === before && Date.now() - start < 10_000) await sleep(50);
      if (await driver.downloadCount() === before) {
        // Say what the panel said (an export error, or nothing at all).
        const panel = await driver.inFrame('panel', P.panelInfo).catch(String);
        assert.fail(`the panel saved no file in 10 s; panel: ${JSON.stringify(panel)}`);
      }
      assert.equal((await driver.downloaded(/\.md$/)).text, md.body, 'the panel\'s .md is the core\'s export');
      await driver.command({ cmd: 'undo' });
      await waitFor(driver, () => !document.querySelector('declutter-panel'), null, 'panel closed');
      const reply = await driver.command({ cmd: 'export', format: 'txt' });
      assert.ok(reply && !reply.error && reply.name?.endsWith('.txt'), `an export from a command, saved from an extension frame: ${JSON.stringify(reply)}`);
      const seen = await driver.evaluate(() => window.__seen);
      assert.deepEqual(seen.links, [], 'the page saw no download link');
      assert.deepEqual(seen.blobs, [], 'the page read no export');
      assert.equal(seen.clicks, 0, 'the page saw none of the clicks inside the extension\'s frames');
    });

    it('row 2: page script cannot press the reader\'s or the panel\'s controls, read or change the settings, change what is shown, or hide them with CSS', async () => {
      await driver.inContent(() => (globalThis.browser ?? globalThis.chrome).storage.sync.remove('reader'));
      const shown = await openReader();
      assert.equal(shown.title, TITLE);
      assert.deepEqual(shown.paragraphs, PARAGRAPHS, 'the article is shown');
      const settingsBefore = await settings();
      const downloadsBefore = await driver.downloadCount();

      const reached = await driver.evaluate(attack);
      assert.deepEqual(reached, [], 'page script reached nothing of the reader');
      await sleep(500);
      assert.deepEqual(await driver.inFrame('reader', readerShown), shown, 'the reader shows the same article with the same settings');
      assert.deepEqual(await settings(), settingsBefore, 'the reader settings are unchanged');
      assert.equal(await driver.downloadCount(), downloadsBefore, 'no download started');
      const reader = await driver.evaluate(onScreen, 'declutter-reader');
      assert.deepEqual(reader, { present: true, display: 'block', visibility: 'visible', opacity: '1', transform: 'none', width: reader.width, height: reader.height }, 'the page\'s CSS does not hide the reader');
      assert.ok(reader.width > 500 && reader.height > 400, `the reader covers the window: ${JSON.stringify(reader)}`);
      assert.ok(await driver.evaluate(P.pageHidden), 'the page is hidden under the reader');

      // A real click still works: the user's own input does.
      await driver.pressIn('reader', '[data-theme-choice="dark"]');
      await waitInFrame(driver, 'reader', () => document.querySelector('declutter-reader').shadowRoot.querySelector('.root').dataset.theme === 'dark', null, 'the dark theme');
      assert.equal((await settings())?.theme, 'dark', 'the user\'s own click saves the setting');
      await driver.pressIn('reader', '[data-theme-choice="auto"]');

      // The panel, likewise.
      await driver.pressIn('reader', '[data-action="declutter"]');
      const panel = await waitInFrame(driver, 'panel', P.panelInfo, null, 'the panel');
      assert.ok(panel.rows.length >= 1, `the panel lists the sign-up box: ${JSON.stringify(panel)}`);
      const hidden = await driver.evaluate(P.hiddenCount);
      assert.deepEqual(await driver.evaluate(attack), [], 'page script reached nothing of the panel');
      await sleep(500);
      assert.deepEqual(await driver.inFrame('panel', P.panelInfo), panel, 'the panel is unchanged');
      assert.equal(await driver.evaluate(P.hiddenCount), hidden, 'nothing unhidden or undone');
      const box = await driver.evaluate(onScreen, 'declutter-panel');
      assert.ok(box.present && box.display === 'block' && box.visibility === 'visible' && box.opacity === '1' && box.width > 100 && box.height > 50, `the page's CSS does not hide the panel: ${JSON.stringify(box)}`);
      assert.equal(await driver.downloadCount(), downloadsBefore, 'no download started');
      await driver.command({ cmd: 'undo' });
      await waitFor(driver, () => !document.querySelector('declutter-panel'), null, 'panel closed');
    });

    it('row 5: the reader\'s second pass is the core\'s allow-list: script URLs (tab, C0, case), SVG <animate>/<set>, MathML href, formaction, styles and handlers do not survive it', async () => {
      await openReader();
      const survivors = await driver.inFrame('reader', secondPass, SECOND_PASS_VECTORS);
      assert.ok(Array.isArray(survivors), 'the reader frame ran its second pass');
      assert.deepEqual(survivors, [], 'nothing that runs or loads survives the second pass');
      // And it keeps what the core writes.
      const kept = await driver.inFrame('reader', (html) => {
        const parsed = new DOMParser().parseFromString(`<!DOCTYPE html><body>${html}`, 'text/html');
        globalThis[Symbol.for('declutter.test')].sanitise(parsed.body);
        return parsed.body.innerHTML;
      }, '<p lang="en">A <a href="https://example.org/a" title="t">link</a>, <img src="https://example.org/i.png" alt="i" width="10">, <code class="language-rust">x</code>.</p>');
      assert.equal(kept, '<p lang="en">A <a href="https://example.org/a" title="t" rel="noopener noreferrer">link</a>, <img src="https://example.org/i.png" alt="i" width="10">, <code class="language-rust">x</code>.</p>');
    });
  });
}
