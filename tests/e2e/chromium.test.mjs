// End to end in real headless Chromium (Debian's /usr/bin/chromium) with the
// built dist/chrome package: a real toolbar click (CDP Extensions.triggerAction),
// the reader view's own buttons, and the background's message path that the
// context menu and the keyboard shortcut use.
//
//   scripts/build-extension.sh && node --test tests/e2e/
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startProxy, startServer, CORPUS_PAGES, NOISE_TEXT, TRICKY_PARAGRAPHS } from './lib/server.mjs';
import { clickInFrame, launchChromium, readerView, viewFrame, waitForView, watchConsole, ROOT, CHROME_DIST, CHROMIUM } from './lib/chromium.mjs';
import * as P from './lib/page.mjs';
import {
  CLUTTER_STRINGS, CORPUS_MIN_PRECISION, CORPUS_MIN_RECALL, EXPECTED, PARAGRAPHS, assertAllVisible, assertDecluttered,
  assertMarkdownExport, assertNewsmaxReader, assertTextExport, corpusExpectation, isBrowserInfrastructure, wordPrecision, wordRecall,
} from './lib/expect.mjs';
import { describeError, extensionErrors, until } from './lib/console.mjs';
import { pressKey } from './lib/drivers.mjs';

const ARTIFACTS = join(ROOT, 'test-artifacts');
// A missing browser or package fails the run: CI must not pass by skipping.
const missing = !existsSync(CHROMIUM) ? `no ${CHROMIUM}` : !existsSync(join(CHROME_DIST, 'manifest.json')) ? 'dist/chrome not built (scripts/build-extension.sh)' : null;

describe('Chromium', () => {
  let server;
  let proxy;
  let chrome;
  let sw;
  let firstTrigger = Infinity;
  // Console errors, warnings and exceptions of the pages and the service
  // worker, {where, ...entry}; lib/console.mjs says which are the extension's.
  const seen = [];
  let isExtensionError;
  const counted = () => seen.filter(isExtensionError).map((e) => `${e.where}: ${describeError(e)}`);
  const external = []; // requests outside 127.0.0.1 while the extension worked on the Newsmax pages

  before(async () => {
    assert.equal(missing, null, missing ?? '');
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer();
    proxy = await startProxy();
    chrome = await launchChromium({ proxyPort: proxy.port });
    sw = await chrome.serviceWorker();
    isExtensionError = extensionErrors(chrome.origin);
    await chrome.watchWorker((e) => seen.push({ where: 'service worker', ...e }));
  });

  after(async () => {
    await chrome?.close();
    await server?.close();
    await proxy?.close();
  });

  async function open(path) {
    const page = await chrome.context.newPage();
    await watchConsole(await chrome.context.newCDPSession(page), (e) => seen.push({ where: path, ...e }));
    // The extension's frames (reader, panel) are targets of their own: their console too.
    page.on('console', (m) => {
      const url = m.location()?.url ?? '';
      if (['error', 'warning', 'assert'].includes(m.type()) && url.startsWith(`${chrome.origin}/frame/`)) {
        seen.push({ where: `${path} (frame)`, kind: `console.${m.type()}`, text: m.text(), url, stack: url, world: chrome.origin });
      }
    });
    await page.goto(server.origin + path, { waitUntil: 'load' });
    await page.bringToFront();
    if (path.startsWith('/newsmax')) {
      await sleep(200);
      const mark = proxy.hosts.length;
      page.on('close', () => external.push(...proxy.hosts.slice(mark).filter((h) => !isBrowserInfrastructure(h.host))));
    }
    return page;
  }

  // caret: 'initial' — Playwright's default caret hiding writes style="" on inputs.
  const shot = (page, name) => page.screenshot({ path: join(ARTIFACTS, name), caret: 'initial' });

  async function click(page) {
    firstTrigger = Math.min(firstTrigger, Date.now());
    await chrome.clickAction(page);
  }

  /** What the context menu and Alt+Shift+D do: the background sends a command to the tab. */
  async function command(page, message) {
    firstTrigger = Math.min(firstTrigger, Date.now());
    return sw.evaluate(async ({ message, url }) => {
      const tabs = await chrome.tabs.query({ active: true, currentWindow: true });
      const tab = tabs[0];
      if (!tab) throw new Error('no active tab');
      const result = await globalThis[Symbol.for('declutter.test')].sendToTab(tab, message);
      return { result, tabId: tab.id, url };
    }, { message, url: page.url() });
  }

  async function badge(tabId) {
    return sw.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), tabId);
  }

  async function waitReader(page) {
    const frame = await waitForView(page, 'reader', 20_000);
    // Shown: the content script hid the page under it and gave it the focus
    // (keys pressed before that go to the page).
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-declutter-reader'), null, { timeout: 10_000 });
    // (Focus moves to the frame's process asynchronously.)
    await frame.waitForFunction(() => document.hasFocus(), null, { timeout: 10_000 });
    // Painted: two frames after mounting.
    await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }

  async function waitNoReader(page) {
    await page.waitForFunction(() => !document.querySelector('declutter-reader'), null, { timeout: 10_000 });
  }

  for (const variant of [{ path: '/newsmax/', csp: false }, { path: '/newsmax-csp/', csp: true }]) {
    const label = variant.csp ? 'Newsmax with CSP script-src \'self\'' : 'Newsmax';

    it(`${label}: toolbar click opens reader mode with the title and every paragraph, and no clutter; click again restores the page exactly`, async () => {
      const page = await open(variant.path);
      await page.evaluate(() => window.scrollTo(0, 300));
      const before = await page.evaluate(P.outerHTML);
      const scrollBefore = await page.evaluate(() => window.scrollY);

      await click(page);
      await waitReader(page);
      const info = await readerView(page, P.readerInfo, P.pageHidden);
      assertNewsmaxReader(info);
      assert.ok(info.meta.includes('AFP'), `byline shown: ${info.meta}`);
      assert.match(info.meta, /2024/, 'date shown');
      assert.match(info.meta, /min read/, 'reading time shown');
      assert.equal(info.paragraphs.filter((p) => PARAGRAPHS.includes(p)).length, PARAGRAPHS.length, 'all 19 paragraphs as paragraphs');
      const state = await command(page, { cmd: 'state' });
      assert.equal(state.result.reader, true);
      assert.equal(state.result.path, 'extension', 'the engine ran in the extension\'s context (default order)');

      if (!variant.csp) {
        for (const theme of ['light', 'dark']) {
          await clickInFrame(viewFrame(page, 'reader'), `[data-theme-choice="${theme}"]`);
          const view = await readerView(page, P.readerInfo, P.pageHidden);
          assert.equal(view.theme, theme);
          await shot(page, `chromium-reader-${theme}.png`);
        }
        const dark = await readerView(page, P.readerInfo, P.pageHidden);
        assert.notEqual(dark.background, 'rgb(255, 255, 255)', 'dark theme is dark');
        await clickInFrame(viewFrame(page, 'reader'), '[data-theme-choice="auto"]');
        // Keyboard: Escape closes, focus starts in the reader.
        assert.ok(info.focusedInReader, 'focus moves into the reader view');
      }

      await click(page);
      await waitNoReader(page);
      const afterHtml = await page.evaluate(P.outerHTML);
      assert.equal(afterHtml, before, 'outerHTML identical after toggling off');
      assert.equal(await page.evaluate(() => window.scrollY), scrollBefore, 'scroll position restored');
      await page.close();
    });

    it(`${label}: declutter hides newsletter, comments and both copyright blocks, keeps every paragraph visible; badge and list; undo all restores`, async () => {
      const page = await open(variant.path);
      const before = await page.evaluate(P.outerHTML);
      const cluttered = await page.evaluate(P.visibilityOf, CLUTTER_STRINGS);
      for (const c of cluttered) assert.ok(c.visible.every(Boolean), `visible before declutter: ${c.text}`);

      // Open the reader with a real toolbar click (this grants activeTab, as
      // the context menu and the shortcut do), then declutter: on one page
      // from the reader's own button, on the other through the background's
      // message path that the context menu and Alt+Shift+D use.
      await click(page);
      await waitReader(page);
      let tabId;
      if (variant.csp) {
        await clickInFrame(viewFrame(page, 'reader'), '[data-action="declutter"]');
        await waitForView(page, 'panel');
        tabId = (await command(page, { cmd: 'state' })).tabId;
      } else {
        const reply = await command(page, { cmd: 'declutter' });
        assert.ok(reply.result && !reply.result.error, `declutter ran: ${JSON.stringify(reply.result)}`);
        tabId = reply.tabId;
      }
      await waitNoReader(page);
      const paragraphs = await page.evaluate(P.visibilityOf, { strings: [...PARAGRAPHS, ...EXPECTED.article.headings], selector: 'p, h1, h2, h3, h4, h5, h6' });
      const clutter = await page.evaluate(P.visibilityOf, CLUTTER_STRINGS);
      const copyright = clutter.find((c) => c.text === '© Newsmax Media, Inc.');
      assert.ok(copyright && copyright.count >= 2, 'both copyright blocks exist');
      assertDecluttered(paragraphs, clutter);

      const hidden = await page.evaluate(P.hiddenCount);
      assert.equal(await badge(tabId), String(hidden), 'badge shows the count of hidden blocks');
      const panel = await (await (await waitForView(page, 'panel')).waitForFunction(P.panelInfo)).jsonValue();
      assert.ok(panel, 'panel lists what was hidden');
      const kinds = new Set(panel.rows.map((r) => r.kind));
      for (const kind of ['newsletter', 'comments', 'repeated_boilerplate']) assert.ok(kinds.has(kind), `listed kind ${kind}: ${[...kinds]}`);
      assert.ok(panel.rows.every((r) => r.reason.length > 0), 'every row has a reason');
      if (!variant.csp) await shot(page, 'chromium-decluttered.png');

      // Unhide one block from the list, then hide it again.
      const newsletterRow = panel.rows.findIndex((r) => r.kind === 'newsletter');
      const toggle = viewFrame(page, 'panel').locator('li').nth(newsletterRow).locator('[data-action="toggle"]');
      await toggle.click();
      const shown = await page.evaluate(P.visibilityOf, [EXPECTED.clutter.newsletter[0]]);
      assert.ok(shown[0].visible.every(Boolean), 'unhide shows the newsletter box again');
      assert.equal(await badge(tabId), String(hidden - 1), 'badge follows');
      await toggle.click();

      // The page re-renders a hidden block: it stays hidden.
      await page.evaluate((text) => {
        const holder = Array.from(document.querySelectorAll('[data-declutter-hidden]')).find((e) => e.textContent.includes(text));
        const copy = holder.cloneNode(true);
        copy.removeAttribute('data-declutter-hidden');
        holder.replaceWith(copy);
      }, EXPECTED.clutter.newsletter[0]);
      await page.waitForFunction((text) => Array.from(document.querySelectorAll('[data-declutter-hidden]')).some((e) => e.textContent.includes(text)), EXPECTED.clutter.newsletter[0]);
      const rerendered = await page.evaluate(P.visibilityOf, [EXPECTED.clutter.newsletter[0]]);
      assert.ok(rerendered[0].visible.every((v) => !v), 're-rendered block is hidden again');

      await clickInFrame(viewFrame(page, 'panel'), '[data-action="undo-all"]');
      await page.waitForFunction(() => !document.querySelector('declutter-panel'));
      assertAllVisible(await page.evaluate(P.visibilityOf, CLUTTER_STRINGS), 'clutter');
      assertAllVisible(await page.evaluate(P.visibilityOf, { strings: PARAGRAPHS, selector: 'p' }), 'paragraph');
      assert.equal(await badge(tabId), '', 'badge cleared');
      // The page's re-render put a copy of the block where it was; the
      // extension hid the copy and unhid it on undo: the page is as before.
      assert.equal(await page.evaluate(P.outerHTML), before, 'outerHTML identical after undo all');
      await page.close();
    });
  }

  it('keyboard shortcuts: commands.getAll() reports Alt+Shift+V for the reader and Alt+Shift+D for declutter, and the reader command opens and closes the reader', async () => {
    const commands = await sw.evaluate(() => chrome.commands.getAll());
    const shortcut = (name) => commands.find((c) => c.name === name)?.shortcut;
    assert.equal(shortcut('toggle-reader'), 'Alt+Shift+V', `reader shortcut: ${JSON.stringify(commands)}`);
    assert.equal(shortcut('declutter-page'), 'Alt+Shift+D', `declutter shortcut: ${JSON.stringify(commands)}`);
    const page = await open('/newsmax/');
    // The grant a keypress gives (activeTab): the toolbar click gives the same.
    await click(page);
    await waitReader(page);
    await click(page);
    await waitNoReader(page);
    // What the keypress runs: the background's own onCommand handler.
    const opened = await sw.evaluate(() => globalThis[Symbol.for('declutter.test')].onCommand('toggle-reader'));
    assert.ok(opened?.reader, `the reader command opened the reader: ${JSON.stringify(opened)}`);
    await waitReader(page);
    assertNewsmaxReader(await readerView(page, P.readerInfo, P.pageHidden));
    await sw.evaluate(() => globalThis[Symbol.for('declutter.test')].onCommand('toggle-reader'));
    await waitNoReader(page);
    assert.deepEqual(await sw.evaluate(() => globalThis[Symbol.for('declutter.test')].onCommand('no-such-command')), { error: 'unknown command no-such-command' });
    await page.close();
  });

  it('engine paths: in the page where the page allows it; through the extension\'s context where the page\'s CSP forbids wasm', async () => {
    for (const [path, expected] of [['/newsmax/', 'page'], ['/newsmax-csp/', 'extension']]) {
      const page = await open(path);
      await click(page);
      await waitReader(page);
      await click(page);
      await waitNoReader(page);
      await command(page, { cmd: 'engine-path', order: ['page', 'extension'] });
      const opened = await command(page, { cmd: 'reader-open' });
      assert.equal(opened.result.path, expected, `${path}: engine path with the page tried first`);
      assertNewsmaxReader(await readerView(page, P.readerInfo, P.pageHidden));
      await command(page, { cmd: 'reader-close' });
      await waitNoReader(page);
      await page.close();
    }
  });

  it('Newsmax: exports from the reader toolbar (.txt, .md, .html) meet expected.json; copy puts the text on the clipboard', async () => {
    const page = await open('/newsmax/');
    await click(page);
    await waitReader(page);
    await clickInFrame(viewFrame(page, 'reader'), '[data-action="download-txt"]');
    const txt = await chrome.downloaded(/\.txt$/);
    await clickInFrame(viewFrame(page, 'reader'), '[data-action="download-md"]');
    const md = await chrome.downloaded(/\.md$/);
    await clickInFrame(viewFrame(page, 'reader'), '[data-action="download-html"]');
    const html = await chrome.downloaded(/\.html$/);

    assert.match(txt.name, /^putin-seeks-to-shore-up-ties/i, `file name from the title: ${txt.name}`);
    assert.equal(md.name.replace(/\.md$/, ''), txt.name.replace(/\.txt$/, ''), 'same base name');
    assertTextExport(txt.text);
    assertMarkdownExport(md.text, page.url());
    assert.match(html.text, /^<!DOCTYPE html>/i, 'standalone HTML');
    assert.ok(!/<script/i.test(html.text), 'no scripts in the HTML export');
    assert.ok(html.text.includes(PARAGRAPHS[18]), 'HTML export has the last paragraph');

    const links = await page.evaluate(() => document.querySelectorAll('a[download]').length);
    assert.equal(links, 0, 'download links removed after');

    await chrome.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await clickInFrame(viewFrame(page, 'reader'), '[data-action="copy"]');
    await viewFrame(page, 'reader').waitForFunction(() => /Copied|copy/i.test(document.querySelector('declutter-reader').shadowRoot.querySelector('.status').textContent));
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assertTextExport(clip);
    await click(page);
    await waitNoReader(page);
    await page.close();
  });

  for (const name of CORPUS_PAGES) {
    it(`corpus ${name}: reader mode shows the article and little else; toggling off restores the page`, async () => {
      const { meta, text } = corpusExpectation(name);
      const page = await open(`/corpus/${name}/`);
      const before = await page.evaluate(P.outerHTML);
      const wholePage = await page.evaluate(() => document.body.innerText);
      await click(page);
      await waitReader(page);
      let info = await readerView(page, P.readerInfo, P.pageHidden);
      if (info.notice !== null && info.showAnyway) {
        // Judged not an article: the notice offers to show it anyway.
        await clickInFrame(viewFrame(page, 'reader'), '[data-action="show-anyway"]');
        await viewFrame(page, 'reader').waitForFunction(() => !!document.querySelector('declutter-reader')?.shadowRoot?.querySelector('article'));
        info = await readerView(page, P.readerInfo, P.pageHidden);
      }
      assert.equal(info.notice, null, `${name}: an article is shown`);
      assert.ok((info.title ?? '').length > 0, `${name}: a title is shown`);
      const recall = wordRecall(text, info.text);
      const precision = wordPrecision(text, info.content);
      console.log(`# ${name}: word recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)} (whole page: ${wordPrecision(text, wholePage).toFixed(3)}); title "${info.title}" (expected "${meta.title}")`);
      assert.ok(recall >= CORPUS_MIN_RECALL, `${name}: word recall ${recall.toFixed(3)} < ${CORPUS_MIN_RECALL}: the reader leaves out the article`);
      assert.ok(precision >= CORPUS_MIN_PRECISION, `${name}: word precision ${precision.toFixed(3)} < ${CORPUS_MIN_PRECISION}: the reader shows more than the article`);
      if (meta.dir === 'rtl') {
        assert.equal(info.dir, 'rtl', `${name}: right-to-left page reads right-to-left`);
        assert.equal(info.computedDirection, 'rtl');
      }
      await click(page);
      await waitNoReader(page);
      assert.equal(await page.evaluate(P.outerHTML), before, `${name}: outerHTML identical after toggling off`);
      await page.close();
    });
  }

  it('live tree unlike the serialised one (template, noscript, mis-nested p/div and a/a, script-added elements): locators check out or hide nothing; the article is never hidden', async () => {
    const page = await open('/tricky/');
    const before = await page.evaluate(P.outerHTML);
    await click(page);
    await waitReader(page);
    const info = await readerView(page, P.readerInfo, P.pageHidden);
    for (const p of TRICKY_PARAGRAPHS) assert.ok(info.text.includes(p), `reader shows: ${p.slice(0, 40)}`);
    await clickInFrame(viewFrame(page, 'reader'), '[data-action="declutter"]');
    await waitForView(page, 'panel');
    const paragraphs = await page.evaluate(P.visibilityOf, { strings: TRICKY_PARAGRAPHS, selector: 'p' });
    const clutter = await page.evaluate(P.visibilityOf, ['Sign up for our daily newsletter', 'Join the conversation', '© 2026 The Daily Example']);
    assertDecluttered(paragraphs, clutter);
    const hiddenTexts = await page.evaluate(() => Array.from(document.querySelectorAll('[data-declutter-hidden]')).map((e) => e.textContent));
    assert.ok(hiddenTexts.every((t) => !/Paragraph \d|nested block|outer|Template card/.test(t)), `only clutter hidden: ${JSON.stringify(hiddenTexts)}`);
    // A script adds elements above everything after declutter: nothing else gets hidden.
    await page.evaluate(() => document.body.prepend(Object.assign(document.createElement('div'), { textContent: 'Breaking: late banner' })));
    await sleep(200);
    assert.deepEqual((await page.evaluate(P.visibilityOf, ['Breaking: late banner']))[0].visible, [true]);
    await page.evaluate(() => document.body.firstElementChild.remove());
    await clickInFrame(viewFrame(page, 'panel'), '[data-action="undo-all"]');
    await page.waitForFunction(() => !document.querySelector('declutter-panel'));
    assert.equal(await page.evaluate(P.outerHTML), before, 'outerHTML identical after undo all');
    await page.close();
  });

  it('a long page (a 6 MB article) shows "Reading this page…" while it is read, and the notice is gone with the reader shown', async () => {
    const page = await open('/long/');
    await page.evaluate(() => {
      window.__readingSeen = [];
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n.localName === 'declutter-reading') window.__readingSeen.push({ text: n.textContent, at: performance.now() });
      }).observe(document.documentElement, { childList: true });
      window.__clickAt = performance.now();
    });
    await click(page);
    await waitReader(page);
    const seen = await page.evaluate(() => ({ seen: window.__readingSeen, clickAt: window.__clickAt, left: !!document.querySelector('declutter-reading') }));
    assert.equal(seen.seen.length, 1, `the notice was shown once: ${JSON.stringify(seen)}`);
    assert.equal(seen.seen[0].text, 'Reading this page…');
    assert.equal(seen.left, false, 'the notice is gone once the reader is shown');
    await click(page);
    await waitNoReader(page);
    await page.close();
  });

  it('options page: reader defaults saved in storage.sync are used by the reader view', async () => {
    const options = await chrome.context.newPage();
    await watchConsole(await chrome.context.newCDPSession(options), (e) => seen.push({ where: 'options page', ...e }));
    await options.goto(`chrome-extension://${chrome.extensionId}/options/options.html`);
    await options.selectOption('#theme', 'sepia');
    await options.waitForFunction(() => document.getElementById('saved').textContent.length > 0);
    assert.ok(await options.isVisible('text=chrome://extensions/shortcuts'), 'points to the shortcut settings');
    await options.close();
    const page = await open('/newsmax/');
    await click(page);
    await waitReader(page);
    assert.equal((await readerView(page, P.readerInfo, P.pageHidden)).theme, 'sepia');
    await clickInFrame(viewFrame(page, 'reader'), '[data-theme-choice="auto"]');
    await click(page);
    await waitNoReader(page);
    await page.close();
  });

  it('options page: your rules are listed per site, edited (a rule the core cannot read is refused, not stored), exported and imported as JSON', async () => {
    await sw.evaluate(() => chrome.storage.sync.set({ 'rules:news.example': { hide: ['div.partner-box'], keep: ['aside.signup'] } }));
    const options = await chrome.context.newPage();
    await watchConsole(await chrome.context.newCDPSession(options), (e) => seen.push({ where: 'options page', ...e }));
    await options.goto(`chrome-extension://${chrome.extensionId}/options/options.html`);
    const listed = () => options.evaluate(() => Array.from(document.querySelectorAll('.site-rules li'), (li) => `${li.dataset.host} ${li.dataset.list} ${li.querySelector('input').value}`));
    await options.waitForFunction(() => document.querySelectorAll('.site-rules li').length === 2);
    assert.deepEqual(await listed(), ['news.example hide div.partner-box', 'news.example keep aside.signup']);
    const stored = () => sw.evaluate(() => chrome.storage.sync.get('rules:news.example').then((r) => r['rules:news.example']));

    // An edit the core cannot read: said, and nothing stored.
    await options.fill('li[data-list="hide"] input', 'div[onclick]');
    await options.locator('li[data-list="hide"] input').dispatchEvent('change');
    await options.waitForFunction(() => /Not saved/.test(document.getElementById('rules-status').textContent));
    assert.deepEqual(await stored(), { hide: ['div.partner-box'], keep: ['aside.signup'] });
    // A good edit is stored in the core's canonical form.
    await options.fill('li[data-list="hide"] input', 'DIV.partner-box>p');
    await options.locator('li[data-list="hide"] input').dispatchEvent('change');
    await options.waitForFunction(() => /saved/.test(document.getElementById('rules-status').textContent));
    assert.deepEqual(await stored(), { hide: ['div.partner-box > p'], keep: ['aside.signup'] });

    // Export: the whole set as JSON.
    await options.click('#rules-export');
    const download = await chrome.downloaded('declutter-rules.json');
    const exported = JSON.parse(download.text);
    assert.deepEqual(exported, { version: 1, sites: { 'news.example': { hide: ['div.partner-box > p'], keep: ['aside.signup'] } } });

    // Import merges; a file with one bad rule is refused whole.
    const file = (set) => ({ name: 'rules.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(set)) });
    await options.setInputFiles('#rules-file', file({ version: 1, sites: { 'news.example': { hide: ['.ad-slot'] }, 'Blog.Example': { keep: ['#comments'] } } }));
    await options.waitForFunction(() => /Imported 2 rule\(s\) for 2 site\(s\)/.test(document.getElementById('rules-status').textContent));
    await options.waitForFunction(() => document.querySelectorAll('.site-rules li').length === 4);
    assert.deepEqual(await listed(), ['blog.example keep #comments', 'news.example hide div.partner-box > p', 'news.example hide .ad-slot', 'news.example keep aside.signup']);
    await options.setInputFiles('#rules-file', file({ version: 1, sites: { 'x.example': { hide: ['.fine', 'a:hover'] } } }));
    await options.waitForFunction(() => /Not saved: .*a:hover/.test(document.getElementById('rules-status').textContent));
    assert.equal(await sw.evaluate(() => chrome.storage.sync.get('rules:x.example').then((r) => r['rules:x.example'] ?? null)), null);

    // Remove: the site's last rule takes its item with it.
    await options.click('li[data-host="blog.example"] button');
    await options.waitForFunction(() => document.querySelectorAll('.site-rules li').length === 3);
    assert.equal(await sw.evaluate(() => chrome.storage.sync.get('rules:blog.example').then((r) => r['rules:blog.example'] ?? null)), null);
    await sw.evaluate(() => chrome.storage.sync.clear());
    await options.close();
  });

  it('non-article page: a clear message with the choice to try anyway; closing restores the page', async () => {
    const page = await open('/plain/');
    const before = await page.evaluate(P.outerHTML);
    await click(page);
    await waitReader(page);
    const info = await readerView(page, P.readerInfo, P.pageHidden);
    assert.ok(info.notice && /not look like an article/.test(info.notice), `notice shown: ${info.notice}`);
    await clickInFrame(viewFrame(page, 'reader'), '[data-action="close"]');
    await waitNoReader(page);
    assert.equal(await page.evaluate(P.outerHTML), before, 'outerHTML identical after closing');
    await page.close();
  });

  it('keyboard: Escape closes the reader view', async () => {
    const page = await open('/newsmax/');
    await click(page);
    await waitReader(page);
    await pressKey(page, 'Escape');
    await waitNoReader(page);
    await page.close();
  });

  it('keyboard: keys that reach the page while the reader is shown are the reader\'s (another key hands the focus back to it, Escape closes it)', async () => {
    const page = await open('/newsmax/');
    await click(page);
    await waitReader(page);
    const frame = viewFrame(page, 'reader');
    // The page takes the focus back (the browser gives it to the reader's
    // frame asynchronously, so a key pressed at once may land here too).
    const takeFocus = async () => {
      await page.evaluate(() => document.activeElement?.blur());
      await frame.waitForFunction(() => !document.hasFocus(), null, { timeout: 10_000 });
      assert.equal(await page.evaluate(() => document.activeElement?.localName), 'body', 'the page has the focus');
    };
    await takeFocus();
    await pressKey(page, 'j');
    await frame.waitForFunction(() => document.hasFocus(), null, { timeout: 10_000 });
    assert.equal(await page.evaluate(() => document.activeElement?.localName), 'declutter-reader', 'a key in the page gave the focus back to the reader');
    assert.ok(await page.evaluate(() => !!document.querySelector('declutter-reader')), 'a key other than Escape leaves the reader open');
    await takeFocus();
    await pressKey(page, 'Escape');
    await waitNoReader(page);
    await page.close();
  });

  it('no console errors from the extension, and no requests to any host but 127.0.0.1 after it ran', async () => {
    assert.ok(Number.isFinite(firstTrigger), 'the extension was triggered');
    assert.ok(seen.length > 0, 'console entries were collected at all (the corpus pages make noise of their own)');
    assert.deepEqual(counted(), [], 'console errors from the extension');
    assert.deepEqual(external.map((h) => h.url), [], 'requests to hosts other than 127.0.0.1 (Newsmax pages, after load)');
  });

  // Last: it makes the extension log errors on purpose.
  it('console errors: the page\'s own (console.error, an uncaught exception, a web-app manifest that is not JSON, another extension\'s URL) are not counted; the extension\'s (service worker, content script world, its scripts) are', async () => {
    const mark = seen.length;
    const page = await open('/noise/');
    await click(page);
    await waitReader(page);
    // Chromium fetches and parses a page's manifest when asked (as its
    // installability check does): ask, so the manifest error surely comes.
    await (await chrome.context.newCDPSession(page)).send('Page.getAppManifest');
    const pageNoise = await until(() => {
      const entries = seen.slice(mark);
      const found = [`${NOISE_TEXT}: console.error`, `${NOISE_TEXT}: uncaught`, 'Manifest: Line: 1', 'chrome-extension://invalid/']
        .every((t) => entries.some((e) => `${e.text} ${e.url}`.includes(t)));
      return found && entries;
    }, 'the page\'s own errors');
    assert.deepEqual(pageNoise.filter(isExtensionError).map(describeError), [], 'the page\'s own errors are not counted');

    const mark2 = seen.length;
    await sw.evaluate(async () => {
      console.error('probe: service worker');
      const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
      await chrome.scripting.executeScript({
        target: { tabId: tab.id },
        func: () => {
          console.error('probe: content script world');
          // Any call into the extension's content script code that throws.
          setTimeout(() => globalThis[Symbol.for('declutter.test')].applier.unhide(null));
        },
      });
    });
    const probes = await until(() => {
      const extension = seen.slice(mark2).filter(isExtensionError);
      return extension.length >= 3 && extension;
    }, 'the extension\'s errors to be counted');
    const has = (where, pattern) => probes.some((e) => e.where === where && pattern.test(`${e.text} ${e.url}`));
    assert.ok(has('service worker', /probe: service worker/), `service worker console.error counted: ${probes.map(describeError)}`);
    assert.ok(has('/noise/', /probe: content script world/), `content script world console.error counted: ${probes.map(describeError)}`);
    assert.ok(has('/noise/', /TypeError.*chrome-extension:\/\/[a-z]+\/content\/main\.js/s), `exception in the content script's code counted: ${probes.map(describeError)}`);
    await page.close();
  });
});
