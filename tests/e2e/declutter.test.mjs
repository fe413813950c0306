// Declutter on the live page, the same scenarios in real headless Chromium
// and Firefox ESR with the built packages (drivers: lib/drivers.mjs):
//   - late clutter: a consent banner (which locks scrolling) and a
//     newsletter pop-in that the page adds after the user decluttered are
//     planned and hidden once the page has been quiet 600 ms; the article
//     stays visible, the page scrolls again, and undo restores the page to
//     the byte; at most 8 late re-plans per declutter;
//   - the live-page guard: the applier refuses a block that holds the
//     headline (a `keep` locator) or a located article part, or lies inside
//     a part and holds text of the article, and still hides an empty ad
//     slot between the article's paragraphs and a block beside it, in the
//     same call;
//   - the user's rules: the picker hides a block the engine left, "Don't
//     hide" keeps one it hid, both hold on the next visit, "Forget rule"
//     undoes one, no rule hides the headline, undo restores the page.
//
//   scripts/build-extension.sh
//   node --test tests/e2e/declutter.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startProxy, startServer } from './lib/server.mjs';
import { ROOT, CHROME_DIST, CHROMIUM } from './lib/chromium.mjs';
import { firefoxMissing, FIREFOX_ZIP } from './lib/firefox.mjs';
import { chromiumDriver, firefoxDriver, waitFor, waitInFrame } from './lib/drivers.mjs';
import * as P from './lib/page.mjs';

// The applier's late-clutter limits (extension/content/applier.js).
const LATE_QUIET_MS = 600;
const LATE_PLANS = 8;

// ---------------------------------------------------------------- pages

const PARAGRAPHS = Array.from({ length: 7 }, (_, i) => `Part ${i + 1}. The harbour authority reopened the old swing bridge on Thursday after eighteen months of repairs, and cyclists, ferry passengers and delivery drivers crossed it again before the morning rush had even begun.`);
const HEADLINE = 'Harbour bridge reopens after repairs';
const ARTICLE = `<h1>${HEADLINE}</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}`;

const BANNER = '<div role="dialog" aria-label="Cookie consent" class="cookie-banner"><p>We use cookies to improve your experience and to measure our audience.</p><button>Accept all</button><button>Reject all</button></div>';
const NEWSLETTER = (title) => `<div class="newsletter-modal"><h3>${title}</h3><p>Sign up to receive the best stories in your inbox.</p><form><input type="email" placeholder="Email"><button>Subscribe</button></form></div>`;
const LATE_TEXT = ['We use cookies to improve your experience', 'Get our morning newsletter'];

/** An article whose page adds clutter when the test says so (window.addLate, window.addWave). */
const LATE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${HEADLINE} — The Daily Example</title>
<style>p { margin: 0 0 200px; }</style></head>
<body><article class="story">${ARTICLE}</article><script src="/late.js"></script></body></html>`;
const LATE_JS = `
const BANNER = ${JSON.stringify(BANNER)};
const NEWSLETTER = ${JSON.stringify(NEWSLETTER('Get our morning newsletter'))};
function append(html) {
  const box = document.createElement('div');
  box.innerHTML = html;
  const el = box.firstElementChild;
  document.body.append(el);
  return el;
}
// The consent wall locks scrolling, as real ones do.
window.addLate = () => {
  window.__lateAt = performance.now();
  append(BANNER);
  document.body.style.overflow = 'hidden';
  append(NEWSLETTER);
};
window.addWave = (i) => {
  append(${JSON.stringify(NEWSLETTER('Get our evening newsletter, edition %'))}.replace('%', i)).id = 'wave-' + i;
};
// When the first late block was hidden, seen from the page.
new MutationObserver((records) => {
  for (const r of records) {
    if (window.__hiddenAt == null && r.target.hasAttribute('data-declutter-hidden') && r.target.matches('.cookie-banner, .newsletter-modal')) window.__hiddenAt = performance.now();
  }
}).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['data-declutter-hidden'] });
`;

/** A sign-up pop-up the page keeps hidden and shows later by script (window.showPopup). */
const POPUP_TEXT = 'Sign up for our weekly newsletter';
const SHOWN_LATER = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${HEADLINE} — The Daily Example</title></head>
<body><article class="story">${ARTICLE}</article>
<div class="popup-layer" id="mail-popup" style="display:none"><button class="close">No thanks</button>
<p>${POPUP_TEXT}: the best stories of the week in your inbox every Friday.</p>
<form><input type="email" placeholder="Email"><button>Subscribe</button></form></div>
<a href="#top" class="back-to-top" id="to-top" aria-label="Back to top" style="display:none">↑</a>
<script src="/popup.js"></script></body></html>`;
// (The page shows its "back to top" button once the reader scrolls; here, with the pop-up.)
const POPUP_JS = "window.showPopup = () => { for (const id of ['mail-popup', 'to-top']) document.getElementById(id).style.display = 'block'; };";

/** Headline in a header, article body in a div, a promo box beside: for the guard. */
const GUARD = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${HEADLINE} — The Daily Example</title></head>
<body><main class="wrap"><header class="story-head"><h1>${HEADLINE}</h1><p class="byline">By Ana Lima, transport reporter</p></header>
<div class="story-body">${PARAGRAPHS.slice(0, 5).map((p) => `<p>${p}</p>`).join('')}<div class="ad-slot" id="ad-inline"></div>${PARAGRAPHS.slice(5).map((p) => `<p>${p}</p>`).join('')}</div></main>
<aside class="promo-box"><h3>Try the Daily Example app</h3><p>Breaking news alerts on your phone.</p></aside></body></html>`;

/** An article with a partner box the engine leaves alone and a sign-up box it hides: for the user's rules. */
const RULES = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${HEADLINE} — The Daily Example</title></head>
<body><main id="main"><article class="story"><h1 class="headline">${HEADLINE}</h1>
${PARAGRAPHS.slice(0, 3).map((p) => `<p>${p}</p>`).join('')}
<div class="partner-box"><p>Brought to you by our partners at the garden centre down the road.</p></div>
${PARAGRAPHS.slice(3).map((p) => `<p>${p}</p>`).join('')}</article>
<aside class="signup"><h2>Get our newsletter</h2><p>Sign up for the morning briefing in your inbox.</p>
<form><input type="email" placeholder="Your email"><button>Subscribe</button></form></aside></main></body></html>`;

/** Elements named like the extension's state (DOM clobbering): they must change nothing. */
const CLOBBER = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${HEADLINE} — The Daily Example</title></head>
<body><form id="__declutter" name="__declutter"><input name="handle"><input name="engine"></form>
<div id="__declutterEngineOrder">page</div><img name="declutter" src="data:,">
<article>${ARTICLE}</article>${NEWSLETTER('Get our morning newsletter')}</body></html>`;

/**
 * Scripts of every kind, run or not (the page's CSP runs none): what the
 * content script sends the engine leaves out the bodies the core does not
 * read, and the extraction stays the same.
 */
const FILLER = 'x'.repeat(600);
const LD = JSON.stringify({ '@type': 'NewsArticle', headline: HEADLINE, author: { '@type': 'Person', name: 'Ana Lima' }, description: `Reopened. ${FILLER}` });
const CONFIG = `window.pageConfig = { adUnits: ["top", "side"], note: "</p><p>not page text</p>", pad: "${FILLER}" };`;
const SCRIPTS = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${HEADLINE} — The Daily Example</title>
<script type="application/ld+json">${LD}</script>
<script>${CONFIG}</script>
<script><!-- document.write("<script>legacy()</script>"); var legacyPad = "${FILLER}"; //--></script>
</head><body><article class="story">${ARTICLE}</article>
<svg width="1" height="1"><script>var svgPad = "${FILLER}";</script></svg>
<template><script>var templatePad = "${FILLER}";</script></template>
<script type="module">import "/nothing.js"; const modulePad = "${FILLER}";</script></body></html>`;

function routes(path) {
  if (path === '/scripts/') return { html: SCRIPTS, headers: { 'content-security-policy': "script-src 'none'" } };
  if (path === '/clobber/') return { html: CLOBBER, headers: { 'content-security-policy': "script-src 'none'" } };
  if (path === '/rules/') return { html: RULES, headers: { 'content-security-policy': "script-src 'none'" } };
  if (path === '/late/') return { html: LATE };
  if (path === '/late.js') return { js: LATE_JS };
  if (path === '/shown-later/') return { html: SHOWN_LATER };
  if (path === '/popup.js') return { js: POPUP_JS };
  // No page script here: what changes is the extension's doing.
  if (path === '/guard/') return { html: GUARD, headers: { 'content-security-policy': "script-src 'none'" } };
  return null;
}

// ------------------------------------------------------ page functions

/**
 * The page's outerHTML without anything the extension added: its own
 * elements, data-declutter-* attributes. `addLate`: let the page add its
 * late clutter first, in the same turn.
 */
function pageOnlyHTML(options) {
  if (options?.addLate) window.addLate();
  const copy = document.documentElement.cloneNode(true);
  for (const el of copy.querySelectorAll('[data-declutter-own]')) el.remove();
  for (const el of [copy, ...copy.querySelectorAll('*')]) {
    for (const a of Array.from(el.attributes)) if (a.name.startsWith('data-declutter')) el.removeAttribute(a.name);
  }
  return copy.outerHTML;
}

/** Every data-declutter-* attribute left in the page, as "tag[attr]". */
function declutterAttributes() {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of Array.from(el.attributes)) if (a.name.startsWith('data-declutter')) found.push(`${el.localName}[${a.name}]`);
  }
  return found;
}

/**
 * The toolbar click that grants the extension this tab (activeTab): it
 * opens the reader view, which is closed again; the page is as it was.
 */
async function grant(driver) {
  await driver.click();
  await waitInFrame(driver, 'reader', () => !!document.querySelector('declutter-reader')?.shadowRoot?.querySelector('article, .notice'), null, 'reader view');
  await driver.command({ cmd: 'reader-close' });
  await waitFor(driver, () => !document.querySelector('declutter-reader'), null, 'reader closed');
}

/** Point the picker at the element `selector` names (its centre), as a mouse would. */
function hoverPicker(selector) {
  const el = document.querySelector(selector);
  el.scrollIntoView({ block: 'center', behavior: 'instant' });
  const r = el.getBoundingClientRect();
  const at = { clientX: r.left + r.width / 2, clientY: r.top + Math.min(r.height / 2, 8), bubbles: true, composed: true };
  document.elementFromPoint(at.clientX, at.clientY).dispatchEvent(new MouseEvent('mousemove', at));
  return true;
}

function pressKey(key) {
  document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true }));
  return true;
}

/**
 * The panel's rows once `test(panel)` holds (the panel frame gets its list
 * by message, a moment after the page changed), or as they are after 5 s.
 */
async function panelWhen(driver, test) {
  const start = Date.now();
  for (;;) {
    const panel = await driver.inFrame('panel', P.panelInfo);
    if ((panel && test(panel)) || Date.now() - start > 5000) return panel;
    await sleep(50);
  }
}

/** A real click on a panel button: `action` on the row whose kind is `kind` (or in the action bar). */
async function panelClick(driver, { action, kind }) {
  await driver.pressIn('panel', kind ? `li[data-kind="${kind}"] [data-action="${action}"]` : `[data-action="${action}"]`);
  return true;
}

/** In the panel frame. */
function panelStatus() {
  return document.querySelector('declutter-panel')?.shadowRoot?.querySelector('.status')?.textContent ?? '';
}

const isHidden = (selector) => document.querySelector(selector).hasAttribute('data-declutter-hidden');

/** This site's stored rules, read in the content script's world. */
const storedRules = () => (globalThis.browser ?? globalThis.chrome).storage.sync.get(`rules:${location.hostname}`).then((r) => r[`rules:${location.hostname}`] ?? null);

const lateHidden = () => ['.cookie-banner', '.newsletter-modal']
  .every((s) => document.querySelector(s)?.hasAttribute('data-declutter-hidden'));

// ---------------------------------------------------------------- suites

const BROWSERS = [
  {
    name: 'Chromium',
    missing: !existsSync(CHROMIUM) ? `no ${CHROMIUM}` : null,
    launch: (proxyPort) => chromiumDriver({ proxyPort, extension: CHROME_DIST }),
  },
  {
    name: 'Firefox',
    missing: firefoxMissing(),
    launch: (proxyPort) => firefoxDriver({ proxyPort, zip: FIREFOX_ZIP }),
  },
];

for (const browser of BROWSERS) {
  // A missing browser or package fails the run: CI must not pass by skipping.
  describe(`declutter in ${browser.name}`, () => {
    let server;
    let proxy;
    let driver;

    before(async () => {
      assert.equal(browser.missing, null, browser.missing ?? '');
      assert.ok(existsSync(join(CHROME_DIST, 'manifest.json')) && existsSync(FIREFOX_ZIP), `${join(ROOT, 'dist')} built (scripts/build-extension.sh)`);
      server = await startServer({ routes });
      proxy = await startProxy();
      driver = await browser.launch(proxy.port);
    });

    after(async () => {
      await driver?.close();
      await server?.close();
      await proxy?.close();
    });

    it('late clutter: a consent banner and a newsletter pop-in added after declutter are hidden once the page is quiet; the article stays, scrolling unlocks, undo restores the page', async () => {
      await driver.open(`${server.origin}/late/`);
      await waitFor(driver, () => typeof window.addLate === 'function', null, 'the page script');
      await grant(driver);
      const reply = await driver.command({ cmd: 'declutter' });
      assert.ok(reply && !reply.error && typeof reply.planned === 'number', `declutter ran: ${JSON.stringify(reply)}`);
      assert.equal(await driver.evaluate(lateHidden), false, 'no late content yet');

      // The page adds its clutter; what it would look like without the
      // extension is taken in the same turn, before any late plan can run.
      const expected = await driver.evaluate(pageOnlyHTML, { addLate: true });

      await waitFor(driver, lateHidden, null, 'both late blocks hidden', 10_000);
      const timing = await driver.evaluate(() => ({ added: window.__lateAt, hidden: window.__hiddenAt }));
      assert.ok(timing.hidden - timing.added >= LATE_QUIET_MS, `hidden ${Math.round(timing.hidden - timing.added)} ms after the page added it: not before ${LATE_QUIET_MS} ms of quiet`);

      const late = await driver.evaluate(P.visibilityOf, LATE_TEXT);
      for (const c of late) assert.ok(c.count >= 1 && c.visible.every((v) => !v), `late clutter not visible: ${c.text}`);
      const article = await driver.evaluate(P.visibilityOf, { strings: [HEADLINE, ...PARAGRAPHS], selector: 'h1, p' });
      for (const p of article) assert.ok(p.count === 1 && p.visible[0], `article visible: ${p.text.slice(0, 40)}`);

      const scroll = await driver.evaluate(() => ({
        unlock: document.documentElement.hasAttribute('data-declutter-unlock'),
        body: getComputedStyle(document.body).overflowY,
        html: getComputedStyle(document.documentElement).overflowY,
        scrollable: document.documentElement.scrollHeight > innerHeight,
      }));
      assert.ok(scroll.unlock, '<html data-declutter-unlock>');
      assert.ok(!/hidden|clip/.test(scroll.body) && !/hidden|clip/.test(scroll.html), `page scrolls: body overflow ${scroll.body}, html ${scroll.html}`);
      assert.ok(scroll.scrollable, 'the page is taller than the window');

      const panel = await panelWhen(driver, (p) => p.rows.filter((r) => r.state === 'hidden').length >= 2);
      assert.ok(panel && panel.rows.filter((r) => r.state === 'hidden').length >= 2, `the panel lists the late blocks: ${JSON.stringify(panel)}`);

      await driver.command({ cmd: 'undo' });
      await waitFor(driver, () => !document.querySelector('declutter-panel'), null, 'panel closed');
      assert.deepEqual(await driver.evaluate(declutterAttributes), [], 'no data-declutter attribute left');
      assert.equal(await driver.evaluate(P.outerHTML), expected, 'undo restores the page as the page made it');
      const shown = await driver.evaluate(P.visibilityOf, LATE_TEXT);
      for (const c of shown) assert.ok(c.visible.every(Boolean), `after undo: visible again: ${c.text}`);
    });

    it('a sign-up pop-up and a "back to top" button the page keeps hidden are planned too: when the page shows them later they stay hidden; undo gives them back to the page', async () => {
      await driver.open(`${server.origin}/shown-later/`);
      await waitFor(driver, () => typeof window.showPopup === 'function', null, 'the page script');
      await grant(driver);
      const reply = await driver.command({ cmd: 'declutter' });
      assert.ok(reply && !reply.error, `declutter ran: ${JSON.stringify(reply)}`);
      assert.ok(await driver.evaluate(isHidden, '#mail-popup'), 'the hidden pop-up is in the plan');
      assert.ok(await driver.evaluate(isHidden, '#to-top'), 'the hidden "back to top" button is in the plan');

      // What the page looks like without the extension once it shows the pop-up.
      const expected = await driver.evaluate(() => { window.showPopup(); return null; }).then(() => driver.evaluate(pageOnlyHTML));
      const popup = await driver.evaluate(P.visibilityOf, [POPUP_TEXT]);
      assert.ok(popup[0].count === 1 && !popup[0].visible[0], 'the page showed the pop-up; it stays hidden');
      const topShown = () => getComputedStyle(document.getElementById('to-top')).display !== 'none';
      assert.equal(await driver.evaluate(topShown), false, 'the page showed its "back to top" button; it stays hidden');
      const article = await driver.evaluate(P.visibilityOf, { strings: [HEADLINE, ...PARAGRAPHS], selector: 'h1, p' });
      for (const p of article) assert.ok(p.count === 1 && p.visible[0], `article visible: ${p.text.slice(0, 40)}`);

      await driver.command({ cmd: 'undo' });
      await waitFor(driver, () => !document.querySelector('declutter-panel'), null, 'panel closed');
      assert.equal(await driver.evaluate(P.outerHTML), expected, 'undo restores the page as the page made it');
      const shown = await driver.evaluate(P.visibilityOf, [POPUP_TEXT]);
      assert.ok(shown[0].visible[0], 'after undo the pop-up is the page\'s to show');
      assert.ok(await driver.evaluate(topShown), 'and the "back to top" button');
    });

    it(`late clutter: at most ${LATE_PLANS} re-plans per declutter`, async () => {
      await driver.open(`${server.origin}/late/`);
      await waitFor(driver, () => typeof window.addWave === 'function', null, 'the page script');
      await grant(driver);
      const reply = await driver.command({ cmd: 'declutter' });
      assert.ok(reply && !reply.error, `declutter ran: ${JSON.stringify(reply)}`);
      for (let i = 1; i <= LATE_PLANS; i++) {
        await driver.evaluate((i) => { window.addWave(i); return true; }, i);
        await waitFor(driver, (i) => document.getElementById(`wave-${i}`).hasAttribute('data-declutter-hidden'), i, `wave ${i} hidden`, 10_000);
      }
      assert.equal(await driver.inContent(() => globalThis[Symbol.for('declutter.test')].applier.latePlans), LATE_PLANS, 'one re-plan per wave');
      await driver.evaluate(() => { window.addWave('last'); return true; });
      // The quiet time is what is tested: wait well past it.
      await sleep(LATE_QUIET_MS + 1400);
      assert.equal(await driver.evaluate(() => document.getElementById('wave-last').hasAttribute('data-declutter-hidden')), false, `wave ${LATE_PLANS + 1} not planned`);
      assert.equal(await driver.inContent(() => globalThis[Symbol.for('declutter.test')].applier.latePlans), LATE_PLANS);
      await driver.command({ cmd: 'undo' });
      assert.deepEqual(await driver.evaluate(declutterAttributes), []);
    });

    it('live-page guard: a block holding the headline or the article, or inside the article holding its text, is refused; an ad slot between its paragraphs and a block beside it are hidden in the same call; the panel marks the refusal', async () => {
      await driver.open(`${server.origin}/guard/`);
      const before = await driver.evaluate(P.outerHTML);
      await grant(driver);
      const result = await driver.inContent(async (targets) => {
        const D = globalThis[Symbol.for('declutter.test')];
        // A real extraction of this page: its article parts and keep locators.
        const extraction = await D.engine.extract(D.engine.serialise(), location.href);
        const guard = { parts: extraction.article?.parts ?? [], keep: extraction.keep ?? [], text: extraction.article?.text ?? '' };
        const describe = (l) => D.applier.locate(l)?.localName ?? null;
        const all = Array.from(document.getElementsByTagName('*'));
        // Locators as the core builds them: index, tag, selector, fingerprint
        // (the first 80 characters of the text, whitespace collapsed).
        const blocks = targets.map(({ selector, kind }) => {
          const el = document.querySelector(selector);
          const fingerprint = Array.from(el.textContent.replace(/\s+/g, ' ').trim()).slice(0, 80).join('');
          return { kind, reason: `test: ${selector}`, locator: { index: all.indexOf(el), tag: el.localName, selector, fingerprint } };
        });
        const added = D.applier.hideBlocks(blocks, guard);
        return {
          parts: guard.parts.map(describe),
          keep: guard.keep.map(describe),
          entries: added.map((e) => ({ selector: e.block.locator.selector, refused: e.refused, hidden: e.hidden, found: !!e.el })),
        };
      }, [[
        { selector: 'header.story-head', kind: 'related' }, // holds the headline (keep)
        { selector: 'main.wrap', kind: 'related' }, // holds the article part and the headline
        { selector: '.story-body > p:nth-child(3)', kind: 'share' }, // inside the article part, holding its text
        { selector: '#ad-inline', kind: 'ad' }, // inside the article part, holding none of its text
        { selector: 'aside.promo-box', kind: 'app_promo' }, // touches neither
      ]]);
      assert.ok(result.keep.includes('h1'), `the extraction keeps the headline: ${JSON.stringify(result.keep)}`);
      assert.ok(result.parts.length > 0 && result.parts.every(Boolean), `the article parts are located: ${JSON.stringify(result.parts)}`);
      assert.deepEqual(result.entries, [
        { selector: 'header.story-head', refused: 'article', hidden: false, found: false },
        { selector: 'main.wrap', refused: 'article', hidden: false, found: false },
        { selector: '.story-body > p:nth-child(3)', refused: 'article', hidden: false, found: false },
        { selector: '#ad-inline', refused: null, hidden: true, found: true },
        { selector: 'aside.promo-box', refused: null, hidden: true, found: true },
      ]);
      assert.deepEqual(await driver.evaluate(() => Array.from(document.querySelectorAll('[data-declutter-hidden]'), (e) => e.id || e.localName)), ['ad-inline', 'aside'], 'only the ad slot and the promo box are hidden');
      const article = await driver.evaluate(P.visibilityOf, { strings: [HEADLINE, ...PARAGRAPHS], selector: 'h1, p' });
      for (const p of article) assert.ok(p.count === 1 && p.visible[0], `article visible: ${p.text.slice(0, 40)}`);
      const promo = await driver.evaluate(P.visibilityOf, ['Try the Daily Example app']);
      assert.ok(promo[0].visible.every((v) => !v), 'promo box not visible');

      // Declutter again while something is hidden: the panel opens on these entries.
      const shown = await driver.command({ cmd: 'declutter' });
      assert.ok(shown?.panel, `panel shown: ${JSON.stringify(shown)}`);
      const panel = await panelWhen(driver, (p) => p.rows.length === 5);
      assert.deepEqual(panel?.rows.map((r) => r.state), ['refused', 'refused', 'refused', 'hidden', 'hidden'], `panel: ${JSON.stringify(panel)}`);
      const state = await driver.command({ cmd: 'state' });
      assert.equal(state.entries.filter((e) => e.refused === 'article').length, 3);

      await driver.command({ cmd: 'undo' });
      await waitFor(driver, () => !document.querySelector('declutter-panel'), null, 'panel closed');
      assert.equal(await driver.evaluate(P.outerHTML), before, 'undo restores the page');
    });

    it('your rules: the picker hides a block the engine left (↑ widens, Enter picks, Esc cancels); "Don\'t hide" keeps one it hid; both hold on the next visit; "Forget rule" undoes one; no rule hides the headline', async () => {
      const url = `${server.origin}/rules/`;
      await driver.open(url);
      const before = await driver.evaluate(P.outerHTML);
      await grant(driver);
      await driver.inContent(() => (globalThis.browser ?? globalThis.chrome).storage.sync.clear());
      const reply = await driver.command({ cmd: 'declutter' });
      assert.ok(reply && !reply.error, `declutter ran: ${JSON.stringify(reply)}`);
      assert.ok(await driver.evaluate(isHidden, 'aside.signup'), 'the engine hides the sign-up box');
      assert.equal(await driver.evaluate(isHidden, 'div.partner-box'), false, 'and leaves the partner box');

      // Escape leaves everything as it was.
      assert.deepEqual(await driver.command({ cmd: 'pick' }), { picking: true });
      assert.ok(await driver.evaluate(() => !!document.querySelector('declutter-picker')), 'the picker is up');
      assert.ok(await driver.evaluate(() => document.querySelector('declutter-panel').hasAttribute('data-picking')), 'the panel steps aside');
      await driver.evaluate(hoverPicker, 'div.partner-box p');
      await driver.evaluate(pressKey, 'Escape');
      await waitFor(driver, () => !document.querySelector('declutter-picker'), null, 'picker gone');
      assert.equal(await driver.evaluate(isHidden, 'div.partner-box'), false, 'Escape hid nothing');
      assert.equal(await driver.inContent(storedRules), null, 'Escape stored nothing');

      // Pointing lands on the paragraph; ↑ widens to the box; Enter hides it.
      await driver.command({ cmd: 'pick' });
      await driver.evaluate(hoverPicker, 'div.partner-box p');
      await driver.evaluate(pressKey, 'ArrowUp');
      await driver.evaluate(pressKey, 'Enter');
      await waitFor(driver, isHidden, 'div.partner-box', 'the picked box hidden');
      assert.equal(await driver.evaluate(isHidden, 'div.partner-box p'), false, 'the box itself carries the mark, not just its paragraph');
      assert.deepEqual(await driver.inContent(storedRules), { hide: ['div.partner-box'], keep: [] });
      let panel = await panelWhen(driver, (p) => p.rows.some((r) => r.kind === 'user_rule'));
      const userRow = panel.rows.find((r) => r.kind === 'user_rule');
      assert.ok(userRow && userRow.state === 'hidden' && userRow.reason === 'your rule: div.partner-box', `panel: ${JSON.stringify(panel)}`);
      // The reader keeps the box's line, so the row says how much of the article the rule hides.
      assert.equal(userRow.articleWords, 'holds 13 words of the article', `panel: ${JSON.stringify(panel)}`);
      assert.match(await waitInFrame(driver, 'panel', panelStatus, null, 'panel status'), /div\.partner-box/);

      // "Don't hide" on the engine's block: shown now, kept from now on.
      assert.ok(await panelClick(driver, { action: 'keep', kind: 'newsletter' }), 'a keep button on the sign-up row');
      await waitFor(driver, () => !document.querySelector('aside.signup').hasAttribute('data-declutter-hidden'), null, 'sign-up box shown');
      assert.deepEqual(await driver.inContent(storedRules), { hide: ['div.partner-box'], keep: ['aside.signup'] });

      // No rule hides the headline: refused, said, not stored.
      await driver.command({ cmd: 'pick' });
      await driver.evaluate(hoverPicker, 'h1.headline');
      await driver.evaluate(pressKey, 'Enter');
      await waitInFrame(driver, 'panel', () => /headline/.test(document.querySelector('declutter-panel')?.shadowRoot?.querySelector('.status')?.textContent ?? ''), null, 'refusal said');
      assert.equal(await driver.evaluate(isHidden, 'h1.headline'), false, 'headline visible');
      assert.deepEqual(await driver.inContent(storedRules), { hide: ['div.partner-box'], keep: ['aside.signup'] });

      // The next visit: both rules hold.
      await driver.open(url);
      await grant(driver);
      await driver.command({ cmd: 'declutter' });
      assert.ok(await driver.evaluate(isHidden, 'div.partner-box'), 'hide rule applied on the next visit');
      assert.equal(await driver.evaluate(isHidden, 'aside.signup'), false, 'keep rule applied on the next visit');
      panel = await panelWhen(driver, (p) => p.rows.length > 0);
      assert.deepEqual(panel.rows.map((r) => r.kind), ['user_rule'], `panel: ${JSON.stringify(panel)}`);
      const article = await driver.evaluate(P.visibilityOf, { strings: [HEADLINE, ...PARAGRAPHS], selector: 'h1, p' });
      for (const p of article) assert.ok(p.count === 1 && p.visible[0], `article visible: ${p.text.slice(0, 40)}`);

      // Forget the hide rule: shown again, gone from storage.
      assert.ok(await panelClick(driver, { action: 'forget', kind: 'user_rule' }));
      // (CI once timed out here in Firefox; the panel and the stored rules say where it stopped.)
      await waitFor(driver, () => !document.querySelector('div.partner-box').hasAttribute('data-declutter-hidden'), null, 'partner box shown')
        .catch(async (error) => {
          error.message += ` | panel: ${JSON.stringify(await driver.inFrame('panel', P.panelInfo).catch(String))}`
            + ` | status: ${JSON.stringify(await driver.inFrame('panel', panelStatus).catch(String))}`
            + ` | rules: ${JSON.stringify(await driver.inContent(storedRules).catch(String))}`;
          throw error;
        });
      assert.deepEqual(await driver.inContent(storedRules), { hide: [], keep: ['aside.signup'] });

      await driver.command({ cmd: 'undo' });
      await waitFor(driver, () => !document.querySelector('declutter-panel'), null, 'panel closed');
      assert.equal(await driver.evaluate(P.outerHTML), before, 'undo restores the page');
      await driver.inContent(() => (globalThis.browser ?? globalThis.chrome).storage.sync.clear());
    });

    it('the page goes to the engine without the bodies of scripts the core does not read (JSON-LD stays); the extraction is the same as from the whole page', async () => {
      const compare = async () => {
        const D = globalThis[Symbol.for('declutter.test')];
        const doctype = document.doctype ? new XMLSerializer().serializeToString(document.doctype) : '';
        const whole = doctype + document.documentElement.outerHTML;
        const sent = D.engine.serialise();
        const [a, b] = [await D.engine.extract(whole, location.href), await D.engine.extract(sent, location.href)];
        return { whole: whole.length, sent: sent.length, same: JSON.stringify(a) === JSON.stringify(b), byline: b.metadata.byline, words: b.article?.word_count ?? 0, text: sent };
      };
      await driver.open(`${server.origin}/scripts/`);
      await grant(driver);
      const own = await driver.inContent(compare);
      assert.ok(own.same, 'the same extraction');
      assert.equal(own.byline, 'Ana Lima', 'JSON-LD read');
      assert.ok(own.text.includes('Reopened. x'), 'the JSON-LD body is sent');
      for (const cut of ['adUnits', 'legacy()', 'modulePad']) assert.ok(!own.text.includes(cut), `${cut}: body not sent`);
      assert.ok(own.words > 150, `the article: ${own.words} words`);
      // Real pages, heavy with scripts.
      for (const name of ['yahoo-1', 'nytimes-1', 'wapo-1']) {
        await driver.open(`${server.origin}/corpus/${name}/`);
        await grant(driver);
        const page = await driver.inContent(compare);
        assert.ok(page.same, `${name}: the same extraction`);
        assert.ok(page.sent < page.whole * 0.9, `${name}: sent ${page.sent} of ${page.whole} characters`);
      }
    });

    it('DOM clobbering: elements with the ids and names of the extension\'s state change nothing: the button opens the reader, declutter hides the sign-up box', async () => {
      await driver.open(`${server.origin}/clobber/`);
      await grant(driver); // the toolbar button opened (and closed) the reader
      const reply = await driver.command({ cmd: 'declutter' });
      assert.ok(reply && !reply.error && reply.hidden >= 1, `declutter ran: ${JSON.stringify(reply)}`);
      assert.ok(await driver.evaluate(isHidden, '.newsletter-modal'), 'sign-up box hidden');
      const article = await driver.evaluate(P.visibilityOf, { strings: [HEADLINE, ...PARAGRAPHS], selector: 'h1, p' });
      for (const p of article) assert.ok(p.count === 1 && p.visible[0], `article visible: ${p.text.slice(0, 40)}`);
      await driver.command({ cmd: 'undo' });
    });

    it('no uncaught errors in the pages the extension worked on', async () => {
      assert.deepEqual(await driver.errors(), []);
    });
  });
}
