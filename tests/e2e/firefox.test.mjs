// End to end in real headless Firefox ESR (Debian's firefox-esr) through
// geckodriver, with dist/declutter-firefox.zip installed as a temporary
// add-on: the toolbar button's own action (triggered from the chrome
// context), and real WebDriver clicks on the reader view's and the panel's
// buttons.
//
//   scripts/build-extension.sh && node --test tests/e2e/
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startProxy, startServer, CORPUS_PAGES, NOISE_TEXT, TRICKY_PARAGRAPHS } from './lib/server.mjs';
import { launchFirefox, firefoxMissing, ROOT } from './lib/firefox.mjs';
import * as P from './lib/page.mjs';
import {
  CLUTTER_STRINGS, CORPUS_MIN_PRECISION, CORPUS_MIN_RECALL, EXPECTED, PARAGRAPHS, assertAllVisible, assertDecluttered,
  assertMarkdownExport, assertNewsmaxReader, assertTextExport, corpusExpectation, isBrowserInfrastructure, wordPrecision, wordRecall,
} from './lib/expect.mjs';
import { describeError, extensionErrors, until } from './lib/console.mjs';

const ARTIFACTS = join(ROOT, 'test-artifacts');
// A missing browser or package fails the run: CI must not pass by skipping.
const missing = firefoxMissing();

// In the reader frame (ff.evaluateIn) and in the page.
const readerShown = () => !!document.querySelector('declutter-reader')?.shadowRoot?.querySelector('article, .notice');
const articleShown = () => !!document.querySelector('declutter-reader')?.shadowRoot?.querySelector('article');
const readerGone = () => !document.querySelector('declutter-reader');

describe('Firefox', () => {
  let server;
  let proxy;
  let ff;
  let isExtensionError;
  let firstTrigger = Infinity;
  const external = [];

  before(async () => {
    assert.equal(missing, null, missing ?? '');
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer();
    proxy = await startProxy();
    ff = await launchFirefox({ proxyPort: proxy.port });
    isExtensionError = extensionErrors(ff.origin);
    await ff.watchConsole();
  });

  after(async () => {
    await ff?.close();
    await server?.close();
    await proxy?.close();
  });

  let current = null;
  async function open(path) {
    await ff.goto(server.origin + path);
    // The page's own late loads are not the extension's requests: let them
    // go out before the mark.
    if (path.startsWith('/newsmax')) await sleep(600);
    current = { path, mark: proxy.hosts.length };
    return current;
  }
  function done() {
    if (current?.path.startsWith('/newsmax')) external.push(...proxy.hosts.slice(current.mark).filter((h) => !isBrowserInfrastructure(h.host)));
    current = null;
  }
  async function click() {
    firstTrigger = Math.min(firstTrigger, Date.now());
    await ff.clickAction();
  }
  const shot = async (name) => writeFileSync(join(ARTIFACTS, name), await ff.screenshot());
  /** Poll `fn` in the extension frame `kind` until it is truthy. */
  async function waitInFrame(kind, fn, what) {
    const start = Date.now();
    for (;;) {
      const value = await ff.evaluateIn(kind, fn).catch(() => null);
      if (value) return value;
      if (Date.now() - start > 15_000) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  }
  const waitReader = () => waitInFrame('reader', readerShown, 'reader view');
  const waitPanel = () => waitInFrame('panel', P.panelInfo, 'declutter panel');
  /** The reader as the user sees it: its frame, and the page hidden under it. */
  const readerView = async () => ({ ...(await ff.evaluateIn('reader', P.readerInfo)), pageHidden: await ff.evaluate(P.pageHidden) });
  const waitNoReader = () => ff.waitFor(readerGone, null, { what: 'reader view closed' });

  for (const variant of [{ path: '/newsmax/', csp: false }, { path: '/newsmax-csp/', csp: true }]) {
    const label = variant.csp ? 'Newsmax with CSP script-src \'self\'' : 'Newsmax';

    it(`${label}: toolbar action opens reader mode with the title and every paragraph, and no clutter; again restores the page exactly`, async () => {
      await open(variant.path);
      await ff.script('window.scrollTo(0, 300);');
      const before = await ff.evaluate(P.outerHTML);
      const scrollBefore = await ff.script('return window.scrollY;');
      await click();
      await waitReader();
      const info = await readerView();
      assertNewsmaxReader(info);
      assert.ok(info.meta.includes('AFP'), `byline shown: ${info.meta}`);
      assert.match(info.meta, /min read/);
      if (!variant.csp) {
        for (const theme of ['light', 'dark']) {
          await ff.pressIn('reader', `[data-theme-choice="${theme}"]`);
          assert.equal((await readerView()).theme, theme);
          await shot(`firefox-reader-${theme}.png`);
        }
        await ff.pressIn('reader', '[data-theme-choice="auto"]');
      }
      await click();
      await waitNoReader();
      assert.equal(await ff.evaluate(P.outerHTML), before, 'outerHTML identical after toggling off');
      assert.equal(await ff.script('return window.scrollY;'), scrollBefore, 'scroll position restored');
      done();
    });

    it(`${label}: declutter hides newsletter, comments and both copyright blocks, keeps every paragraph visible; badge and list; undo all restores`, async () => {
      await open(variant.path);
      const before = await ff.evaluate(P.outerHTML);
      await click();
      await waitReader();
      await ff.pressIn('reader', '[data-action="declutter"]');
      await waitPanel();
      await waitNoReader();
      const paragraphs = await ff.evaluate(P.visibilityOf, { strings: [...PARAGRAPHS, ...EXPECTED.article.headings], selector: 'p, h1, h2, h3, h4, h5, h6' });
      const clutter = await ff.evaluate(P.visibilityOf, CLUTTER_STRINGS);
      assertDecluttered(paragraphs, clutter);
      const hidden = await ff.evaluate(P.hiddenCount);
      assert.equal(await ff.badge(), String(hidden), 'badge shows the count');
      const panel = await ff.evaluateIn('panel', P.panelInfo);
      const kinds = new Set(panel.rows.map((r) => r.kind));
      for (const kind of ['newsletter', 'comments', 'repeated_boilerplate']) assert.ok(kinds.has(kind), `listed kind ${kind}`);
      if (!variant.csp) await shot('firefox-decluttered.png');
      await ff.pressIn('panel', '[data-action="undo-all"]');
      await ff.waitFor(() => !document.querySelector('declutter-panel'), null, { what: 'panel closed' });
      assertAllVisible(await ff.evaluate(P.visibilityOf, CLUTTER_STRINGS), 'clutter');
      assertAllVisible(await ff.evaluate(P.visibilityOf, { strings: PARAGRAPHS, selector: 'p' }), 'paragraph');
      assert.equal(await ff.evaluate(P.outerHTML), before, 'outerHTML identical after undo all');
      assert.equal(await ff.badge(), '', 'badge cleared');
      done();
    });
  }

  it('engine paths: the wasm also runs in the content script, even under the page\'s strict CSP', async () => {
    for (const path of ['/newsmax/', '/newsmax-csp/']) {
      await open(path);
      await click();
      await waitReader();
      await click();
      await waitNoReader();
      const order = await ff.extensionCommand({ cmd: 'engine-path', order: ['page'] });
      assert.deepEqual(order.order, ['page']);
      const opened = await ff.extensionCommand({ cmd: 'reader-open' });
      assert.equal(opened.path, 'page', `${path}: the content script ran the wasm itself`);
      assertNewsmaxReader(await readerView());
      await ff.extensionCommand({ cmd: 'reader-close' });
      await waitNoReader();
      done();
    }
  });

  it('Newsmax: .txt and .md downloads from the reader toolbar meet expected.json', async () => {
    await open('/newsmax/');
    await click();
    await waitReader();
    await ff.pressIn('reader', '[data-action="download-txt"]');
    const txt = await ff.downloaded(/\.txt$/);
    await ff.pressIn('reader', '[data-action="download-md"]');
    const md = await ff.downloaded(/\.md$/);
    assert.match(txt.name, /^putin-seeks-to-shore-up-ties/i, `file name from the title: ${txt.name}`);
    assertTextExport(txt.text);
    assertMarkdownExport(md.text, await ff.url());
    await click();
    await waitNoReader();
    done();
  });

  for (const name of CORPUS_PAGES) {
    it(`corpus ${name}: reader mode shows the article and little else; toggling off restores the page`, async () => {
      const { meta, text } = corpusExpectation(name);
      await open(`/corpus/${name}/`);
      const before = await ff.evaluate(P.outerHTML);
      const wholePage = await ff.script('return document.body.innerText;');
      await click();
      await waitReader();
      let info = await readerView();
      if (info.notice !== null && info.showAnyway) {
        await ff.pressIn('reader', '[data-action="show-anyway"]');
        await waitInFrame('reader', articleShown, 'the article');
        info = await readerView();
      }
      assert.equal(info.notice, null, `${name}: an article is shown`);
      const recall = wordRecall(text, info.text);
      const precision = wordPrecision(text, info.content);
      console.log(`# ${name}: word recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)} (whole page: ${wordPrecision(text, wholePage).toFixed(3)})`);
      assert.ok(recall >= CORPUS_MIN_RECALL, `${name}: word recall ${recall.toFixed(3)} < ${CORPUS_MIN_RECALL}: the reader leaves out the article`);
      assert.ok(precision >= CORPUS_MIN_PRECISION, `${name}: word precision ${precision.toFixed(3)} < ${CORPUS_MIN_PRECISION}: the reader shows more than the article`);
      if (meta.dir === 'rtl') assert.equal(info.computedDirection, 'rtl', `${name}: reads right-to-left`);
      await click();
      await waitNoReader();
      assert.equal(await ff.evaluate(P.outerHTML), before, `${name}: outerHTML identical after toggling off`);
      done();
    });
  }

  it('live tree unlike the serialised one (template, noscript, mis-nested markup, script-added elements): locators check out or hide nothing', async () => {
    await open('/tricky/');
    const before = await ff.evaluate(P.outerHTML);
    await click();
    await waitReader();
    const info = await readerView();
    for (const p of TRICKY_PARAGRAPHS) assert.ok(info.text.includes(p), `reader shows: ${p.slice(0, 40)}`);
    await ff.pressIn('reader', '[data-action="declutter"]');
    await waitPanel();
    const paragraphs = await ff.evaluate(P.visibilityOf, { strings: TRICKY_PARAGRAPHS, selector: 'p' });
    const clutter = await ff.evaluate(P.visibilityOf, ['Sign up for our daily newsletter', 'Join the conversation', '© 2026 The Daily Example']);
    assertDecluttered(paragraphs, clutter);
    const hiddenTexts = await ff.script("return Array.from(document.querySelectorAll('[data-declutter-hidden]')).map((e) => e.textContent);");
    assert.ok(hiddenTexts.every((t) => !/Paragraph \d|nested block|outer|Template card/.test(t)), `only clutter hidden: ${JSON.stringify(hiddenTexts)}`);
    await ff.pressIn('panel', '[data-action="undo-all"]');
    await ff.waitFor(() => !document.querySelector('declutter-panel'), null, { what: 'panel closed' });
    assert.equal(await ff.evaluate(P.outerHTML), before, 'outerHTML identical after undo all');
    done();
  });

  it('keyboard shortcuts: commands.getAll() reports Alt+Shift+V for the reader and Alt+Shift+D for declutter', async () => {
    const commands = await ff.inExtensionPage('options/options.html', () => ff.asyncScript('browser.commands.getAll().then(arguments[arguments.length - 1]);'));
    const shortcut = (name) => commands.find((c) => c.name === name)?.shortcut;
    assert.equal(shortcut('toggle-reader'), 'Alt+Shift+V', `reader shortcut: ${JSON.stringify(commands)}`);
    assert.equal(shortcut('declutter-page'), 'Alt+Shift+D', `declutter shortcut: ${JSON.stringify(commands)}`);
  });

  it('auto-declutter: a site added on the options page (host access asked for that site only) is decluttered on load; removing it stops that', async () => {
    await ff.inExtensionPage('options/options.html', async () => {
      await ff.type('#add-origin', server.origin);
      await ff.click('#add-form button[type="submit"]');
      await ff.waitFor(() => document.querySelectorAll('#sites li').length === 1, null, { what: 'site listed' });
    });
    await sleep(500); // the background registers the content script
    await open('/newsmax/');
    await ff.waitFor(() => document.querySelectorAll('[data-declutter-hidden]').length > 0, null, { what: 'auto declutter' });
    const clutter = await ff.evaluate(P.visibilityOf, CLUTTER_STRINGS);
    const paragraphs = await ff.evaluate(P.visibilityOf, { strings: PARAGRAPHS, selector: 'p' });
    assertDecluttered(paragraphs, clutter);
    assert.equal(await ff.evaluateIn('panel', P.panelInfo).catch(() => null), null, 'no panel on automatic declutter');
    assert.equal(await ff.badge(), String(await ff.evaluate(P.hiddenCount)), 'badge shows the count');
    done();
    await ff.inExtensionPage('options/options.html', async () => {
      await ff.waitFor(() => document.querySelectorAll('#sites li').length === 1, null, { what: 'site listed' });
      await ff.click('#sites li button');
      await ff.waitFor(() => document.querySelectorAll('#sites li').length === 0, null, { what: 'site removed' });
    });
    await sleep(500);
    await open('/newsmax/');
    await sleep(800);
    assert.equal(await ff.evaluate(P.hiddenCount), 0, 'no longer decluttered');
    done();
  });

  it('options page: your rules are listed, checked by the core through the background page, imported all or nothing', async () => {
    const result = await ff.inExtensionPage('options/options.html', () => ff.asyncScript(`const done = arguments[arguments.length - 1];
      (async () => {
        const listed = () => Array.from(document.querySelectorAll('.site-rules li'), (li) => li.dataset.host + ' ' + li.dataset.list + ' ' + li.querySelector('input').value);
        const until = async (test) => { for (let i = 0; i < 100 && !test(); i++) await new Promise((r) => setTimeout(r, 50)); return test(); };
        const status = () => document.getElementById('rules-status').textContent;
        await browser.storage.sync.set({ 'rules:news.example': { hide: ['div.partner-box'], keep: [] } });
        await until(() => listed().length === 1);
        const first = listed();
        const input = document.querySelector('li[data-list="hide"] input');
        input.value = 'div[onclick]';
        input.dispatchEvent(new Event('change'));
        await until(() => /Not saved/.test(status()));
        const refused = [status(), (await browser.storage.sync.get('rules:news.example'))['rules:news.example']];
        const { importRules } = globalThis[Symbol.for('declutter.test')];
        await importRules(JSON.stringify({ version: 1, sites: { 'News.Example': { hide: ['.ad-slot'], keep: ['ASIDE.signup'] } } }));
        await until(() => listed().length === 3);
        const imported = [status(), listed()];
        await importRules('{"version": 1, "sites": {"x.example": {"hide": ["a:hover"]}}}');
        const bad = [status(), (await browser.storage.sync.get('rules:x.example'))['rules:x.example'] ?? null];
        await browser.storage.sync.clear();
        return { first, refused, imported, bad };
      })().then(done, (e) => done({ error: String(e) }));`));
    assert.deepEqual(result.first, ['news.example hide div.partner-box']);
    assert.match(result.refused[0], /Not saved/);
    assert.deepEqual(result.refused[1], { hide: ['div.partner-box'], keep: [] }, 'a rule the core cannot read is not stored');
    assert.match(result.imported[0], /Imported 2 rule\(s\) for 1 site\(s\)/);
    assert.deepEqual(result.imported[1], ['news.example hide div.partner-box', 'news.example hide .ad-slot', 'news.example keep aside.signup']);
    assert.match(result.bad[0], /Not saved: .*a:hover/);
    assert.equal(result.bad[1], null);
  });

  it('non-article page: a clear message with the choice to try anyway; Escape closes and restores the page', async () => {
    await open('/plain/');
    const before = await ff.evaluate(P.outerHTML);
    await click();
    await waitReader();
    const info = await readerView();
    assert.ok(info.notice && /not look like an article/.test(info.notice), `notice shown: ${info.notice}`);
    await ff.pressKey('\uE00C'); // Escape
    await waitNoReader();
    assert.equal(await ff.evaluate(P.outerHTML), before);
    done();
  });

  it('no console errors from the extension, and no requests to any host but 127.0.0.1 after it ran', async () => {
    assert.ok(Number.isFinite(firstTrigger), 'the extension was triggered');
    const seen = await ff.consoleErrors();
    assert.ok(seen.length > 0, 'console entries were collected at all (the corpus pages make noise of their own)');
    assert.deepEqual(seen.filter(isExtensionError).map(describeError), [], 'console errors from the extension');
    assert.deepEqual(external.map((h) => h.url), [], 'requests to hosts other than 127.0.0.1 (Newsmax pages, after load)');
  });

  // Last: it makes the extension log errors on purpose.
  it('console errors: the page\'s own (console.error, an uncaught exception) are not counted; the extension\'s (background page, its content script code) are', async () => {
    const since = async (mark) => (await ff.consoleErrors()).slice(mark);
    const mark = (await ff.consoleErrors()).length;
    await open('/noise/');
    await click();
    await waitReader();
    // (Firefox does not fetch the page's web-app manifest.)
    const pageNoise = await until(async () => {
      const entries = await since(mark);
      const found = [`${NOISE_TEXT}: console.error`, `${NOISE_TEXT}: uncaught`].every((t) => entries.some((e) => e.text.includes(t)));
      return found && entries;
    }, 'the page\'s own errors');
    assert.deepEqual(pageNoise.filter(isExtensionError).map(describeError), [], 'the page\'s own errors are not counted');

    const mark2 = (await ff.consoleErrors()).length;
    await ff.inExtensionPage('options/options.html', async () => {
      const reply = await ff.asyncScript(`const done = arguments[arguments.length - 1];
        (async () => {
          const background = await browser.runtime.getBackgroundPage();
          background.console.error('probe: background page');
          const tab = (await browser.tabs.query({})).find((t) => !String(t.url).startsWith('moz-extension:'));
          await browser.scripting.executeScript({
            target: { tabId: tab.id },
            // Any call into the extension's content script code that throws.
            func: () => { setTimeout(() => globalThis[Symbol.for('declutter.test')].applier.unhide(null)); },
          });
          return 'ok';
        })().then(done, (e) => done(String(e)));`);
      assert.equal(reply, 'ok');
    });
    const probes = await until(async () => {
      const extension = (await since(mark2)).filter(isExtensionError);
      return extension.length >= 2 && extension;
    }, 'the extension\'s errors to be counted');
    const has = (pattern) => probes.some((e) => pattern.test(`${e.text} ${e.url}`));
    assert.ok(has(/probe: background page/), `background page console.error counted: ${probes.map(describeError)}`);
    assert.ok(has(/TypeError.*moz-extension:\/\/[\w-]+\/content\/main\.js/), `exception in the content script's code counted: ${probes.map(describeError)}`);
    await click();
    await waitNoReader();
    done();
  });
});
