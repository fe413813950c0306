// The playground (www/, built into dist/www) end to end in real headless
// Chromium: the Newsmax sample's clutter map, reader view and exports, a
// pasted corpus page, a file and a drop, a 20 MB page cancelled mid-run
// with the tab still responsive, malformed input, keyboard and phone width;
// no console errors and no request outside 127.0.0.1 (the browser runs
// behind a proxy that refuses and records everything else).
//
//   scripts/build-extension.sh && node --test tests/e2e/www.test.mjs
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchChromium, ROOT, CHROMIUM } from './lib/chromium.mjs';
import { startProxy, CORPUS_DIR } from './lib/server.mjs';
import * as P from './lib/page.mjs';
import {
  EXPECTED, FORBIDDEN, PARAGRAPHS, assertInOrder, assertMarkdownExport, assertNoneOf,
  assertTextExport, corpusExpectation, isBrowserInfrastructure, wordRecall,
} from './lib/expect.mjs';
import { serveWww, WWW_DIST } from '../../scripts/serve-www.mjs';

const ARTIFACTS = join(ROOT, 'test-artifacts');
// A missing browser fails the run: CI must not pass by skipping.
const missing = !existsSync(CHROMIUM) ? `no ${CHROMIUM}` : null;
const collapse = (s) => s.replace(/\s+/g, ' ').trim();

/** The kinds expected.json's clutter groups are reported as. */
const KIND_OF_GROUP = { newsletter: 'newsletter', comments: 'comments', repeated_copyright: 'repeated_boilerplate' };

describe('Playground (www/) in Chromium', () => {
  let www;
  let proxy;
  let chrome;
  let page;
  const problems = []; // console errors and warnings, uncaught exceptions, failed requests
  const requested = []; // every URL the page and its worker asked for
  let current = ''; // the test running, to say where a problem came from

  before(async () => {
    assert.equal(missing, null, missing ?? '');
    mkdirSync(ARTIFACTS, { recursive: true });
    // Always from the current sources (the wasm is dist/wasm, built by scripts/build-extension.sh).
    execFileSync('node', [join(ROOT, 'scripts', 'build-www.mjs')], { stdio: 'pipe' });
    www = await serveWww({ port: 0 });
    proxy = await startProxy();
    chrome = await launchChromium({ proxyPort: proxy.port });
    await chrome.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: www.origin });
    page = await chrome.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${current}: console ${m.type()}: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => problems.push(`${current}: exception: ${e.message}`));
    page.on('request', (r) => requested.push(r.url()));
    page.on('requestfailed', (r) => problems.push(`${current}: request failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`${current}: HTTP ${r.status()}: ${r.url()}`); });
    page.on('worker', (w) => requested.push(`worker ${w.url()}`));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${www.origin}/`, { waitUntil: 'load' });
    await page.bringToFront();
  });

  beforeEach((t) => { current = t.name; });

  after(async () => {
    await chrome?.close();
    await www?.close();
    await proxy?.close();
  });

  const shot = (name, options = {}) => page.screenshot({ path: join(ARTIFACTS, name), caret: 'initial', ...options });
  const runs = () => page.evaluate(() => Number(document.documentElement.dataset.runs ?? 0));
  const pageState = () => page.evaluate(() => document.documentElement.dataset.state);

  /** Do `action`, then wait until one more run has finished; returns the state it ended in. */
  async function finishRun(action, timeout = 60_000) {
    const before = await runs();
    await action();
    await page.waitForFunction((n) => Number(document.documentElement.dataset.runs ?? 0) > n, before, { timeout });
    return pageState();
  }

  async function loadSample(id) {
    await page.selectOption('#sample', id);
    const state = await finishRun(() => page.click('#load-sample'));
    assert.equal(state, 'done', `sample ${id} ran to the end: ${await page.textContent('#status')}`);
  }

  /** Set the URL field; a changed URL re-runs the current page, so wait for that run. */
  async function setUrl(value) {
    if ((await page.inputValue('#url')) === value) return;
    const state = await finishRun(async () => {
      await page.fill('#url', value);
      await page.press('#url', 'Tab');
    });
    assert.equal(state, 'done', `re-run with the URL "${value}": ${await page.textContent('#status')}`);
  }

  async function tab(id) {
    await page.click(`#${id}`);
    await page.waitForFunction((id) => document.getElementById(id).getAttribute('aria-selected') === 'true', id);
  }

  /** The reader view as shown (lib/page.mjs, as the extension's tests read it), plus its controls. */
  const readerInfo = async () => {
    const info = await page.evaluate(P.readerInfo);
    if (!info) return null;
    return {
      ...info,
      ...(await page.evaluate(() => {
        const root = document.querySelector('#reader-host declutter-reader').shadowRoot;
        return {
          font: root.querySelector('.root')?.dataset.font,
          themes: Array.from(root.querySelectorAll('[data-theme-choice]')).map((b) => b.dataset.themeChoice),
        };
      })),
    };
  };

  it('starts with the engine loaded, shows the wasm size, and runs the first sample', async () => {
    await page.waitForFunction(() => ['done', 'error'].includes(document.documentElement.dataset.state), null, { timeout: 60_000 });
    assert.equal(await pageState(), 'done', `first run: ${await page.textContent('#status')}`);
    // The very same wasm as the extension's build.
    const wasm = readFileSync(join(ROOT, 'dist', 'wasm', 'declutter_bg.wasm'));
    const info = JSON.parse(readFileSync(join(WWW_DIST, 'build-info.json'), 'utf8'));
    assert.equal(info.wasm.sha256, createHash('sha256').update(wasm).digest('hex'), 'dist/www ships dist/wasm unchanged');
    const served = await page.evaluate(async () => {
      const bytes = new Uint8Array(await (await fetch('wasm/declutter_bg.wasm')).arrayBuffer());
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    });
    assert.equal(served, info.wasm.sha256, 'the page loads that wasm');
    const build = await page.textContent('#build-info');
    assert.match(build, /core \d+\.\d+\.\d+/, `core version shown: ${build}`);
    assert.match(build, /wasm [\d.]+ (KB|MB) \([\d.]+ (KB|MB) gzipped\)/, `wasm size shown: ${build}`);
    assert.equal(Number(await page.getAttribute('#build-info', 'data-wasm-raw')), wasm.length, 'raw size is the file size');
    const timings = await page.$$eval('#timings [data-timing]', (els) => els.map((el) => el.dataset.timing));
    for (const key of ['read', 'decode', 'extract', 'render', 'total']) assert.ok(timings.includes(key), `timing "${key}" shown: ${timings}`);
    assert.ok(requested.some((url) => url.startsWith('worker ') && url.endsWith('/worker.js')), 'extraction runs in a Web Worker');
  });

  it('Newsmax sample: the clutter list holds the newsletter, comments and the copyright blocks with their kinds, every copy boxed on the page', async () => {
    // A corpus sample first, so the Newsmax run below is the picker's doing.
    await loadSample('bbc-1');
    assert.doesNotMatch(await page.textContent('#sum-title'), /Putin/, 'another page loaded');
    await loadSample('newsmax');
    await tab('tab-map');
    assert.equal(collapse(await page.textContent('#sum-title')), EXPECTED.metadata.title, 'summary title');

    await page.waitForFunction(() => !!document.querySelector('#frame-wrap iframe')?.contentDocument?.querySelector('declutter-map'));
    const list = await page.$$eval('#blocks li.block', (items) => items.map((li) => ({
      kind: li.dataset.kind,
      state: li.dataset.state,
      label: li.querySelector('.kind')?.textContent ?? '',
      reason: li.querySelector('.reason')?.textContent ?? '',
      preview: li.querySelector('.preview')?.textContent ?? '',
    })));
    const ofKind = (kind) => list.filter((b) => b.kind === kind);
    assert.ok(ofKind('newsletter').some((b) => b.preview.includes(EXPECTED.clutter.newsletter[0])), `newsletter block listed: ${JSON.stringify(list)}`);
    assert.ok(ofKind('comments').some((b) => b.preview.includes(EXPECTED.clutter.comments[0])), `comments block listed: ${JSON.stringify(list)}`);
    // One block may hold both copies (the whole legal footer): the boxes
    // below must cover every copy.
    assert.ok(ofKind('repeated_boilerplate').length >= 1, `copyright block listed: ${JSON.stringify(list)}`);
    for (const block of list) {
      assert.ok(block.reason.length > 10, `a reason for every block: ${JSON.stringify(block)}`);
      assert.equal(block.state, 'found', `every block found on the page: ${JSON.stringify(block)}`);
      assert.ok(block.label && block.label !== block.kind, `kind shown by name: ${block.label}`);
    }
    assert.equal(await page.$$eval('#legend li[data-kind="newsletter"] .n', (n) => n[0]?.textContent.trim()), String(ofKind('newsletter').length), 'legend counts');

    // In the frame: every expected clutter string lies inside a box of its
    // group's kind; every article paragraph inside the article outline and
    // outside every box.
    const geometry = await page.evaluate(({ clutter, paragraphs }) => {
      const frame = document.querySelector('#frame-wrap iframe');
      const doc = frame.contentDocument;
      const layer = doc.querySelector('declutter-map').shadowRoot;
      const rect = (el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      };
      const inside = (a, b) => a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
      const boxes = Array.from(layer.querySelectorAll('.box')).filter((b) => !b.hidden).map((b) => ({ kind: b.dataset.kind, i: b.dataset.i, rect: rect(b) }));
      const outline = layer.querySelector('.article');
      const all = Array.from(doc.body.getElementsByTagName('*')).filter((e) => !['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(e.tagName));
      // The deepest elements whose text holds `text`, where they are drawn
      // (the page's own styles hide some: those take no space).
      const where = (text) => {
        const holders = all.filter((e) => e.textContent.replace(/\s+/g, ' ').includes(text));
        return holders.filter((e) => !holders.some((o) => o !== e && e.contains(o)))
          .map(rect).filter((r) => r.right > r.left && r.bottom > r.top);
      };
      return {
        scripts: doc.querySelectorAll('script').length,
        sandbox: frame.getAttribute('sandbox'),
        clutter: Object.fromEntries(Object.entries(clutter).map(([group, strings]) => [group, strings.map((s) => ({
          text: s,
          hits: where(s).map((r) => boxes.filter((b) => inside(r, b.rect)).map((b) => `${b.kind}#${b.i}`)),
        }))])),
        outline: !!outline,
        paragraphs: paragraphs.map((p) => where(p.slice(0, 60)).map((r) => ({
          inOutline: !!outline && inside(r, rect(outline)),
          inBoxes: boxes.filter((b) => inside(r, b.rect)).length,
        }))),
      };
    }, { clutter: EXPECTED.clutter, paragraphs: PARAGRAPHS });
    assert.equal(geometry.sandbox, 'allow-same-origin', 'the page frame is sandboxed without scripts');
    for (const [group, strings] of Object.entries(geometry.clutter)) {
      const kind = KIND_OF_GROUP[group];
      for (const { text, hits } of strings) {
        assert.ok(hits.length >= 1, `"${text}" is on the drawn page`);
        for (const boxes of hits) assert.ok(boxes.some((b) => b.startsWith(`${kind}#`)), `"${text}" lies in a ${kind} box (in: ${boxes})`);
      }
    }
    // Every copy of the copyright text lies in a box (checked above): the
    // page holds it twice, so both copies are covered whether by one box
    // or two.
    assert.ok(geometry.clutter.repeated_copyright.every((s) => s.hits.length >= 2), 'the copyright text stands twice on the drawn page');
    assert.ok(geometry.outline, 'the article is outlined');
    geometry.paragraphs.forEach((hits, i) => {
      assert.ok(hits.length >= 1, `paragraph ${i + 1} on the drawn page`);
      assert.ok(hits.every((h) => h.inOutline), `paragraph ${i + 1} inside the article outline`);
      assert.ok(hits.every((h) => h.inBoxes === 0), `paragraph ${i + 1} in no clutter box`);
    });

    // Hover a box: kind and reason show. Choose a block in the list: the frame scrolls to its box.
    const lastCopyright = list.findLastIndex((b) => b.kind === 'repeated_boilerplate');
    await page.click(`#blocks li.block:nth-child(${lastCopyright + 1}) button`);
    await page.waitForFunction((i) => {
      const doc = document.querySelector('#frame-wrap iframe').contentDocument;
      const box = doc.querySelector('declutter-map').shadowRoot.querySelector(`.box[data-i="${i}"]`);
      const r = box.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= doc.defaultView.innerHeight + 1 && box.hasAttribute('data-active');
    }, lastCopyright, { timeout: 5000 });
    assert.equal(await page.getAttribute(`#blocks li.block:nth-child(${lastCopyright + 1})`, 'aria-current'), 'true', 'the chosen block is marked in the list');
    const newsletter = list.findIndex((b) => b.kind === 'newsletter');
    // (The frame runs no scripts, Playwright's included: it is driven from this page.)
    const point = await page.evaluate((i) => {
      const frame = document.querySelector('#frame-wrap iframe');
      const box = frame.contentDocument.querySelector('declutter-map').shadowRoot.querySelector(`.box[data-i="${i}"]`);
      box.scrollIntoView({ block: 'center' });
      const f = frame.getBoundingClientRect();
      const r = box.getBoundingClientRect();
      return { x: f.left + r.left + Math.min(30, r.width / 2), y: f.top + r.top + Math.min(12, r.height / 2) };
    }, newsletter);
    await page.mouse.move(point.x, point.y);
    const tip = await page.evaluate((i) => {
      const layer = document.querySelector('#frame-wrap iframe').contentDocument.querySelector('declutter-map').shadowRoot;
      const el = layer.querySelector(`.box[data-i="${i}"] .tip`);
      return { shown: getComputedStyle(el).display !== 'none', text: el.textContent };
    }, newsletter);
    assert.ok(tip.shown, 'hovering a box shows its kind and reason');
    assert.ok(tip.text.includes(list[newsletter].label) && tip.text.includes(list[newsletter].reason), `tip text: ${tip.text}`);

    // For the README: the whole page, the newsletter block chosen in the list.
    await page.mouse.move(0, 0);
    await page.click(`#blocks li.block:nth-child(${newsletter + 1}) button`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await sleep(800); // the frame's smooth scroll
    await shot('www-clutter-map.png', { fullPage: true });
  });

  it('Newsmax sample: the reader view (the extension\'s own) holds the title and all 19 paragraphs, and its theme controls work', async () => {
    await tab('tab-reader');
    await page.waitForFunction(() => !!document.querySelector('#reader-host declutter-reader')?.shadowRoot?.querySelector('article, .notice'));
    const info = await readerInfo();
    assert.ok(info, 'the reader view is mounted');
    assert.equal(info.notice, null, `no "not an article" notice: ${info.notice}`);
    assert.equal(collapse(info.title ?? ''), EXPECTED.metadata.title, 'reader title');
    assert.equal(info.paragraphs.filter((p) => PARAGRAPHS.includes(p)).length, PARAGRAPHS.length, `all ${PARAGRAPHS.length} paragraphs as paragraphs`);
    assertInOrder(info.text, PARAGRAPHS, 'reader text');
    for (const heading of EXPECTED.article.headings) assert.ok(info.text.includes(heading), `reader shows the heading "${heading}"`);
    assertNoneOf(info.text, FORBIDDEN, 'reader text');
    assert.equal(info.scripts, 0, 'no scripts in the reader view');
    assert.deepEqual(info.themes, ['auto', 'light', 'sepia', 'dark'], 'the extension\'s theme controls');

    const reader = page.locator('#reader-host declutter-reader');
    await reader.locator('[data-theme-choice="dark"]').click();
    await reader.locator('[data-font-choice="sans"]').click();
    let now = await readerInfo();
    assert.equal(now.theme, 'dark', 'dark theme chosen');
    assert.equal(now.font, 'sans', 'sans font chosen');
    assert.equal(now.background, 'rgb(28, 27, 34)', 'dark background from reader.css');
    await shot('www-reader-dark.png');
    await reader.locator('[data-theme-choice="sepia"]').click();
    await reader.locator('[data-font-choice="serif"]').click();
    now = await readerInfo();
    assert.equal(now.background, 'rgb(244, 236, 216)', 'sepia background from reader.css');
    await shot('www-reader.png');
    // Kept for the next visit, as the extension keeps them.
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('declutter-playground:reader') ?? 'null'));
    assert.equal(saved?.theme, 'sepia', 'reader settings saved');
    await reader.locator('[data-theme-choice="auto"]').click();
  });

  it('Newsmax sample: the Markdown, text and HTML exports follow expected.json, with copy and download', async () => {
    await tab('tab-export');
    const md = await page.textContent('#export-md pre');
    assertMarkdownExport(md, EXPECTED.url);
    assertTextExport(await page.textContent('#export-txt pre'));
    const html = await page.textContent('#export-html pre');
    assert.match(html, /^<!DOCTYPE html>/i, 'HTML export is a whole document');
    const htmlText = await page.evaluate((h) => new DOMParser().parseFromString(h, 'text/html').body.textContent, html);
    assertInOrder(collapse(htmlText), PARAGRAPHS, 'HTML export');
    assertNoneOf(collapse(htmlText), FORBIDDEN, 'HTML export');

    const names = await page.$$eval('.export .file-name', (els) => els.map((el) => el.textContent));
    assert.equal(names.length, 3, 'three exports');
    assert.ok(names.every((n) => /Putin/i.test(n)), `file names from the title: ${names}`);
    assert.deepEqual(names.map((n) => n.split('.').pop()), ['txt', 'md', 'html'], 'file extensions');

    await page.click('#export-md [data-action="download"]');
    const file = await chrome.downloaded(names[1]);
    assert.equal(file.text, md, 'the downloaded .md is the Markdown shown');
    await page.click('#export-txt [data-action="copy"]');
    await page.waitForFunction(() => document.querySelector('#export-txt .copied')?.textContent === 'Copied');
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(clipboard, await page.textContent('#export-txt pre'), 'Copy puts the text export on the clipboard');
  });

  it('a pasted corpus page gives a non-empty article', async () => {
    const name = 'medium-1';
    const source = readFileSync(join(CORPUS_DIR, name, 'source.html'), 'utf8');
    const { meta, text } = corpusExpectation(name);
    await setUrl('');
    await page.evaluate((html) => navigator.clipboard.writeText(html), source);
    await page.fill('#paste', '');
    await page.focus('#paste');
    const state = await finishRun(() => page.keyboard.press('Control+V'));
    assert.equal(state, 'done', `pasted page ran: ${await page.textContent('#status')}`);
    assert.equal((await page.inputValue('#paste')).length, source.length, 'the pasted HTML is in the box');
    assert.equal(collapse(await page.textContent('#sum-title')), collapse(meta.title), 'title of the pasted page');
    await tab('tab-reader');
    const info = await readerInfo();
    assert.equal(info.notice, null, 'reads as an article');
    assert.ok(info.paragraphs.length >= 5, `paragraphs shown: ${info.paragraphs.length}`);
    const recall = wordRecall(text, info.text);
    assert.ok(recall >= 0.85, `reader shows the expected article's words (recall ${recall.toFixed(3)})`);
  });

  it('a page of your own (pasted after a sample) does not inherit the sample\'s address: its exports name no newsmax.com', async () => {
    await loadSample('newsmax');
    assert.match(await page.inputValue('#url'), /newsmax\.com/, 'the sample fills in its address');
    const source = readFileSync(join(CORPUS_DIR, 'medium-1', 'source.html'), 'utf8');
    await page.evaluate((html) => navigator.clipboard.writeText(html), source);
    await page.fill('#paste', '');
    await page.focus('#paste');
    const state = await finishRun(() => page.keyboard.press('Control+V'));
    assert.equal(state, 'done', `pasted page ran: ${await page.textContent('#status')}`);
    assert.equal(await page.inputValue('#url'), '', 'the sample\'s address is cleared');
    await tab('tab-export');
    const md = await page.textContent('#export-md pre');
    assert.doesNotMatch(md, /newsmax/i, 'the Markdown export names no newsmax address');
    // An address the user typed is theirs, and stays.
    await setUrl('https://example.org/mine');
    await page.fill('#paste', source);
    assert.equal(await finishRun(() => page.click('#extract')), 'done');
    assert.equal(await page.inputValue('#url'), 'https://example.org/mine', 'a typed address is kept');
  });

  it('opens a file, and takes a dropped file', async () => {
    const name = 'lemonde-1';
    const buffer = readFileSync(join(CORPUS_DIR, name, 'source.html'));
    const { meta } = corpusExpectation(name);
    let state = await finishRun(() => page.setInputFiles('#file', { name: `${name}.html`, mimeType: 'text/html', buffer }));
    assert.equal(state, 'done', `file ran: ${await page.textContent('#status')}`);
    assert.equal(collapse(await page.textContent('#sum-title')), collapse(meta.title), 'title of the opened file');
    assert.match(await page.textContent('#status'), new RegExp(`^${name}\\.html: article of [\\d,]+ words`), 'status names the file');

    const dropped = readFileSync(join(CORPUS_DIR, 'ars-1', 'source.html'), 'utf8');
    state = await finishRun(() => page.evaluate((html) => {
      const data = new DataTransfer();
      data.items.add(new File([html], 'dropped.html', { type: 'text/html' }));
      const target = document.querySelector('main');
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
      }
    }, dropped));
    assert.equal(state, 'done', `dropped file ran: ${await page.textContent('#status')}`);
    assert.match(await page.textContent('#status'), /^dropped\.html: article of/, 'status names the dropped file');
    assert.equal(await page.isHidden('#drop-overlay'), true, 'drop overlay gone');
  });

  /**
   * Open a 20 MB page (an article of repeated sections, each with a share
   * bar) through the file input. The file is made in the page: handing 20 MB
   * over the DevTools protocol takes longer than the run itself.
   */
  async function openHugePage() {
    const size = await page.evaluate(() => {
      const paragraph = `<p>${'The council debated the budget for the new library at length, and residents spoke for and against it. '.repeat(4)}</p>\n`;
      const block = `<div class="story"><h2>Section</h2>${paragraph.repeat(8)}<div class="share"><a href="https://twitter.com/share">Share on Twitter</a></div></div>\n`;
      const parts = ['<!DOCTYPE html><html><head><title>Huge</title></head><body><article>'];
      let length = 0;
      while (length < 20 * 1024 * 1024) {
        parts.push(block);
        length += block.length;
      }
      parts.push('</article></body></html>');
      const file = new File(parts, 'huge.html', { type: 'text/html' });
      const data = new DataTransfer();
      data.items.add(file);
      const input = document.getElementById('file');
      input.files = data.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return file.size;
    });
    assert.ok(size >= 20 * 1024 * 1024, `the input is 20 MB (${size} bytes)`);
  }

  it('a 20 MB page shows its progress, leaves the page responsive, and can be cancelled; the engine then works again', async () => {
    const title = await page.textContent('#sum-title');
    const before = await runs();
    await openHugePage();
    await page.waitForFunction(() => document.querySelector('#progress')?.dataset.stage === 'extract' && !document.querySelector('#progress').hidden, null, { timeout: 30_000 });
    assert.equal(await pageState(), 'running', 'running');
    assert.match(await page.textContent('#stage'), /Extracting in the worker \(20\.\d+ MB of HTML\)/, 'progress names the stage and size');
    assert.equal(await page.isVisible('#cancel'), true, 'Cancel is shown');

    // The main thread answers at once while the worker extracts, and the elapsed counter keeps ticking.
    const lag = [];
    const elapsed = [await page.textContent('#elapsed')];
    for (let i = 0; i < 5; i++) {
      lag.push(await page.evaluate(() => new Promise((resolve) => {
        const start = performance.now();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
      })));
      await sleep(150);
    }
    elapsed.push(await page.textContent('#elapsed'));
    assert.equal(await runs(), before, 'still running while measured');
    assert.ok(Math.max(...lag) < 250, `frames keep coming while extracting: ${lag.map((x) => x.toFixed(0))} ms`);
    assert.notEqual(elapsed[0], elapsed[1], `elapsed time advances: ${elapsed}`);
    await tab('tab-map');
    assert.equal(await page.getAttribute('#tab-map', 'aria-selected'), 'true', 'tabs still respond');

    await page.focus('#cancel');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => Number(document.documentElement.dataset.runs) > n, before, { timeout: 5000 });
    assert.equal(await pageState(), 'cancelled', 'cancelled');
    assert.match(await page.textContent('#status'), /Cancelled/, 'says so');
    assert.equal(await page.isHidden('#progress'), true, 'progress gone');
    assert.equal(await page.textContent('#sum-title'), title, 'the last result stays');
    await shot('www-cancelled.png');

    await loadSample('newsmax');
    assert.equal(collapse(await page.textContent('#sum-title')), EXPECTED.metadata.title, 'a new engine extracts again');
  });

  it('a 20 MB page left to run gives a result, and the tab never stalls on the way', async () => {
    const before = await runs();
    await openHugePage();
    await page.waitForFunction(() => document.querySelector('#progress')?.dataset.stage === 'extract', null, { timeout: 30_000 });
    // From here to the end of the run, the longest the main thread went without running a timer.
    await page.evaluate(() => {
      window.longestStall = 0;
      let last = performance.now();
      const tick = () => {
        const at = performance.now();
        window.longestStall = Math.max(window.longestStall, at - last);
        last = at;
        if (document.documentElement.dataset.state === 'running') setTimeout(tick, 16);
      };
      tick();
    });
    await page.waitForFunction((n) => Number(document.documentElement.dataset.runs) > n, before, { timeout: 240_000 });
    assert.equal(await pageState(), 'done', await page.textContent('#status'));
    assert.match(await page.textContent('#status'), /^huge\.html: article of [\d,]{7,} words/, 'the article is found');
    const stall = await page.evaluate(() => window.longestStall);
    assert.ok(stall < 1000, `the tab kept running its timers while the result came back and was drawn (longest stall ${Math.round(stall)} ms)`);
    assert.match(await page.textContent('#frame-wrap'), /[\d.]+ million characters.*not drawn/, 'the map says why it is not drawn');
    assert.equal(await page.isVisible('#frame-wrap button'), true, 'and offers to draw it anyway');
    assert.match(await page.textContent('#reader-host'), /laying it out would keep this tab busy/, 'the reader asks before laying out a huge article');
    assert.match(await page.textContent('#export-md .hint'), /Showing the start; copy and download have all [\d.]+ MB/, 'the exports show their start');
    assert.ok((await page.textContent('#export-md pre')).length < 210_000, 'and only their start');
    await loadSample('newsmax');
  });

  it('malformed input gives a result or a clear message', async () => {
    const inputs = [
      ['binary.html', Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919 + 13) % 256))],
      ['unclosed.html', Buffer.from(`<html><body>${'<div><p><table><tr><td><a href="'.repeat(5000)}`)],
      ['empty.html', Buffer.alloc(0)],
      ['deep.html', Buffer.from(`${'<div>'.repeat(100_000)}deep text${'</div>'.repeat(100_000)}`)],
    ];
    for (const [name, buffer] of inputs) {
      const state = await finishRun(() => page.setInputFiles('#file', { name, mimeType: 'text/html', buffer }), 60_000);
      const status = await page.textContent('#status');
      assert.ok(state === 'done' || state === 'error', `${name}: ${state}`);
      assert.ok(status.startsWith(name) || state === 'error', `${name}: the message names the input: ${status}`);
      assert.ok(status.length > 20, `${name}: a clear message: ${status}`);
    }
    await loadSample('newsmax');
  });

  it('a page nested deeper than 512 levels, with <noscript> markup: the map draws the tree the core parsed, so every block is found by its element index', async () => {
    const paragraph = (i) => `<p>Paragraph ${i}. The committee met on Tuesday to review the findings of the year-long inquiry into the regional water supply, which residents had long criticised as unreliable and expensive.</p>`;
    const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Inquiry finds water supply unreliable</title>
<noscript><img src="https://evil.example/pixel.png"><link rel="stylesheet" href="https://evil.example/nojs.css"></noscript></head>
<body><noscript><div class="nojs"><p>Please enable JavaScript.</p><img src="https://evil.example/nojs.png"></div></noscript>
${'<div class="wrap">'.repeat(600)}<span>deep inside</span>${'</div>'.repeat(600)}
<article><h1>Inquiry finds water supply unreliable</h1>${Array.from({ length: 8 }, (_, i) => paragraph(i + 1)).join('\n')}</article>
<div class="newsletter-signup"><h3>Sign up for our daily newsletter</h3><p>Get the best stories in your inbox every morning.</p>
<form><input type="email" placeholder="Your email address"><button>Subscribe</button></form></div>
<section class="comments"><h2>Comments</h2><p>Join the conversation: read and post comments on this story.</p><a href="/comments">View all comments</a></section>
</body></html>`;
    await page.fill('#paste', html);
    const state = await finishRun(() => page.click('#extract'));
    assert.equal(state, 'done', await page.textContent('#status'));
    const blocks = await page.evaluate(() => {
      const frame = document.querySelector('#frame-wrap iframe');
      const doc = frame.contentDocument;
      const layer = doc.querySelector('declutter-map').shadowRoot;
      const all = doc.getElementsByTagName('*');
      return Array.from(document.querySelectorAll('#blocks li.block'), (li, i) => {
        const el = all[Number(li.dataset.index)];
        const box = layer.querySelector(`.box[data-i="${i}"]`)?.getBoundingClientRect();
        const r = el?.getBoundingClientRect();
        return {
          kind: li.dataset.kind,
          state: li.dataset.state,
          tag: li.querySelector('.where').textContent,
          atIndex: el ? `<${el.localName}>` : null,
          boxOnIt: !!box && !!r && Math.abs(box.left - r.left) < 1 && Math.abs(box.top - r.top) < 1,
        };
      });
    });
    assert.ok(blocks.some((b) => b.kind === 'newsletter') && blocks.some((b) => b.kind === 'comments'), `newsletter and comments found: ${JSON.stringify(blocks)}`);
    for (const b of blocks) {
      assert.equal(b.state, 'found', `block found on the drawn page: ${JSON.stringify(b)}`);
      assert.ok(b.tag.startsWith(b.atIndex ?? '-'), `the element at the core's index has the core's tag: ${JSON.stringify(b)}`);
      assert.ok(b.boxOnIt, `the box is drawn on the element at that index: ${JSON.stringify(b)}`);
    }
    await page.fill('#paste', '');
    await loadSample('newsmax');
  });

  it('works with the keyboard alone and at phone width', async () => {
    // Tabs: arrow keys, Home and End move and select (ARIA tabs pattern).
    await page.focus('#tab-map');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-reader', 'ArrowRight moves to Reader');
    assert.equal(await page.isHidden('#panel-map'), true, 'its panel shows, the others hide');
    await page.keyboard.press('End');
    assert.equal(await page.getAttribute('#tab-export', 'aria-selected'), 'true', 'End selects Export');
    await page.keyboard.press('Home');
    assert.equal(await page.getAttribute('#tab-map', 'aria-selected'), 'true', 'Home selects the map');
    assert.deepEqual(await page.$$eval('[role="tab"]', (tabs) => tabs.map((t) => t.tabIndex)), [0, -1, -1], 'one tab stop for the tab list');

    // The skip link comes first and jumps to the results.
    await page.focus('#sample');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip', 'a skip link before the first control');
    assert.ok(await page.evaluate(() => document.activeElement.getBoundingClientRect().top >= 0), 'the skip link shows when focused');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'views', 'the skip link moves focus to the results');
    // Tab order from the top: every control reachable, each with a visible focus ring.
    await page.focus('#sample');
    await page.keyboard.press('Shift+Tab');
    const order = [{ id: 'skip', ring: await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle !== 'none') }];
    for (let i = 0; i < 20 && order.at(-1)?.id !== 'tab-map'; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return { id: el.id || el.className || el.localName, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
      }));
    }
    const ids = order.map((o) => o.id);
    for (const id of ['skip', 'sample', 'load-sample', 'open-file', 'paste', 'extract', 'url', 'tab-map']) {
      assert.ok(ids.includes(id), `#${id} is in the tab order: ${ids}`);
    }
    assert.ok(ids.indexOf('sample') < ids.indexOf('paste') && ids.indexOf('paste') < ids.indexOf('tab-map'), `sensible order: ${ids}`);
    for (const o of order) assert.ok(o.ring, `visible focus on ${o.id}`);
    // The boxes in the frame are reachable and say what they are.
    const label = await page.evaluate(() => {
      const box = document.querySelector('#frame-wrap iframe').contentDocument.querySelector('declutter-map').shadowRoot.querySelector('.box');
      box.focus();
      return box.getAttribute('aria-label');
    });
    assert.match(label ?? '', /: .{10,}/, `a box reads out kind and reason: ${label}`);
    await page.keyboard.press('Enter');
    assert.equal(await page.$$eval('#blocks li[aria-current="true"]', (l) => l.length), 1, 'Enter on a box marks its block in the list');

    await page.setViewportSize({ width: 375, height: 812 });
    await sleep(300);
    const fit = await page.evaluate(() => ({
      scroll: document.scrollingElement.scrollWidth,
      width: window.innerWidth,
      frame: document.querySelector('#frame-wrap iframe')?.getBoundingClientRect().width ?? 0,
      list: document.querySelector('#blocks')?.getBoundingClientRect().width ?? 0,
    }));
    assert.ok(fit.scroll <= fit.width, `no sideways scrolling at 375 px: ${fit.scroll} > ${fit.width}`);
    assert.ok(fit.frame > 300 && fit.list > 300, `map and list stacked full width: ${JSON.stringify(fit)}`);
    await shot('www-phone.png', { fullPage: false });
    await tab('tab-reader');
    const readerFits = await page.evaluate(() => {
      const host = document.querySelector('#reader-host declutter-reader');
      return host.getBoundingClientRect().right <= window.innerWidth && document.scrollingElement.scrollWidth <= window.innerWidth;
    });
    assert.ok(readerFits, 'the reader fits a phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await tab('tab-map');
  });

  it('the page runs under a strict policy and nothing in it can run scripts', async () => {
    const response = await page.request.get(`${www.origin}/`);
    const csp = response.headers()['content-security-policy'] ?? '';
    assert.match(csp, /default-src 'none'/, `default-src 'none': ${csp}`);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/, `no inline or remote script: ${csp}`);
    assert.doesNotMatch(csp, /(^|\s)'unsafe-eval'|https?:|\*/, `no eval, nothing remote: ${csp}`);
    assert.doesNotMatch(csp.match(/script-src[^;]*/)[0], /unsafe-inline/, 'no inline script');
    // A hostile page: scripts, handlers, javascript: URLs, remote everything.
    const hostile = `<!DOCTYPE html><html><head><title>Hostile page</title>
<link rel="stylesheet" href="https://evil.example/x.css"><style>@import url(https://evil.example/i.css); body { background: url(https://evil.example/bg.png) }</style>
<script>parent.document.title = 'pwned-script'</script><meta http-equiv="refresh" content="0;url=https://evil.example/"></head>
<body onload="parent.document.title='pwned-onload'"><img src="https://evil.example/pixel.png" onerror="parent.document.title='pwned-img'">
<noscript><img src="https://evil.example/noscript.png"></noscript><iframe src="https://evil.example/frame"></iframe>
<article><h1>An ordinary headline for a hostile page</h1>
${'<p>Readers of this story will find a long paragraph of plain words, written to be long enough for the engine to call it an article, with commas, and more. <img src="https://evil.example/in-article.png" onerror="parent.document.title=\'pwned-reader\'"> <a href="javascript:parent.document.title=\'pwned-link\'">a link</a></p>'.repeat(8)}
<svg><image href="https://evil.example/svg.png"/></svg><video poster="https://evil.example/poster.png" src="https://evil.example/v.mp4"></video></article>
<div style="background-image:url('https://evil.example/style.png')">Sign up for our newsletter to get the news in your inbox every day. <input type="email" placeholder="Email"><button>Subscribe</button></div>
</body></html>`;
    const mark = proxy.hosts.length;
    await setUrl('https://evil.example/story');
    const state = await finishRun(() => page.fill('#paste', hostile).then(() => page.click('#extract')));
    assert.equal(state, 'done', await page.textContent('#status'));
    await tab('tab-reader');
    const reader = await page.evaluate(() => {
      const root = document.querySelector('#reader-host declutter-reader').shadowRoot;
      return {
        paragraphs: root.querySelectorAll('.content p').length,
        hrefs: Array.from(root.querySelectorAll('a[href]'), (a) => a.getAttribute('href')),
        images: Array.from(root.querySelectorAll('img'), (img) => img.getAttribute('src')),
      };
    });
    assert.ok(reader.paragraphs >= 8, `the hostile page's article is shown: ${reader.paragraphs} paragraphs`);
    assert.ok(reader.hrefs.every((h) => !/^\s*javascript:/i.test(h)), `no script links in the reader: ${reader.hrefs}`);
    assert.ok(reader.images.length >= 1 && reader.images.every((src) => src.startsWith('data:')), `its images are placeholders, not fetched: ${reader.images}`);
    const links = page.locator('#reader-host declutter-reader >> .content a');
    if (await links.count()) await links.first().click();
    await tab('tab-map');
    await sleep(500);
    assert.equal(await page.title(), 'declutter playground', 'nothing in the page or the reader ran');
    const external = proxy.hosts.slice(mark).filter((h) => !isBrowserInfrastructure(h.host));
    assert.deepEqual(external, [], 'nothing fetched from the hostile page\'s hosts');
    assert.equal(new URL(page.url()).origin + new URL(page.url()).pathname, `${www.origin}/`, 'still on the playground');
    await page.fill('#paste', '');
    await loadSample('newsmax');
  });

  it('no console errors, and no requests beyond the playground\'s own files', async () => {
    assert.deepEqual(problems, [], 'console errors, exceptions or failed requests');
    const foreign = requested
      .map((u) => u.replace(/^worker /, ''))
      .filter((u) => !u.startsWith(`${www.origin}/`) && !/^(data|blob|about):/.test(u));
    assert.deepEqual(foreign, [], 'every request is to the playground\'s own origin');
    const external = proxy.hosts.filter((h) => !isBrowserInfrastructure(h.host));
    assert.deepEqual(external, [], 'the proxy saw no request to another host');
    const files = new Set(www.requests);
    for (const path of ['/', '/app.js', '/worker.js', '/wasm/declutter.js', '/wasm/declutter_bg.wasm', '/ext/messages.json']) {
      assert.ok(files.has(path), `${path} was served`);
    }
  });
});
