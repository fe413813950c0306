// The applier: the one place that changes the page.
//
// Everything it does is undoable to the byte: it only adds one attribute to
// elements it hides (`data-declutter-hidden`), one attribute to <html> while
// the reader is mounted (`data-declutter-reader`), and its own elements after
// <body>; it removes all of them on undo and restores the scroll position.
// The rules those attributes switch on live in content/content.css, inserted
// with scripting.insertCSS (not subject to the page's CSP).
const HIDDEN = 'data-declutter-hidden';
const READER = 'data-declutter-reader';
const OWN = 'data-declutter-own';
// On <html> while a hidden consent wall or pop-up had locked scrolling:
// content.css lets the page scroll again; undo removes it.
const UNLOCK = 'data-declutter-unlock';
// Kinds that come as overlays and may lock the page's scrolling.
const OVERLAY_KINDS = new Set(['cookie_consent', 'newsletter', 'app_promo']);
// Late content: re-planned at most this many times per declutter, each
// after the page has been quiet this long.
const LATE_PLANS = 8;
const LATE_QUIET_MS = 600;

// Text that the core does not count as page text (src/tags.rs is_invisible_tag).
// These constants mirror the core's; src/locate.rs's tests check them.
const INVISIBLE = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'iframe',
  'object', 'embed', 'svg', 'math', 'canvas', 'select', 'option', 'textarea', 'datalist',
]);
// Rust's char::is_whitespace.
const WS = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
const FINGERPRINT_CHARS = 80;

const collapse = (text) => text.replace(WS, ' ').trim();

function cut(text) {
  const collapsed = collapse(text);
  const chars = Array.from(collapsed);
  return chars.length > FINGERPRINT_CHARS ? chars.slice(0, FINGERPRINT_CHARS).join('') : collapsed;
}

/** Visible text, as the core's Dom::text reads it. */
function visibleText(el) {
  let out = '';
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === 1 && INVISIBLE.has(node.localName)) return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === 3) {
      out += node.data;
      if (out.length > 4 * FINGERPRINT_CHARS + 64 && cut(out).length >= FINGERPRINT_CHARS) break;
    }
  }
  return out;
}

/** The element's fingerprints: visible text and textContent (either may match). */
function fingerprints(el) {
  return [cut(visibleText(el)), cut(el.textContent ?? '')];
}

function isOwn(el) {
  return !!el.closest?.(`[${OWN}]`);
}

function checks(el, locator) {
  if (!el || el.localName !== locator.tag || isOwn(el)) return false;
  return fingerprints(el).includes(locator.fingerprint);
}

/**
 * Find a core locator in the live page, or null when it does not check out.
 * `doc` is another document to look in (the playground's page frame).
 */
function locate(locator, doc = document) {
  const all = doc.getElementsByTagName('*');
  const byIndex = all[locator.index];
  if (checks(byIndex, locator)) return byIndex;
  if (locator.selector) {
    let found = [];
    try {
      found = doc.querySelectorAll(locator.selector);
    } catch {
      found = [];
    }
    if (found.length === 1 && checks(found[0], locator)) return found[0];
  }
  return null;
}

// ---------------------------------------------------------------------
// Hidden blocks.

/** @type {{block: object, el: Element|null, hidden: boolean}[]} */
let entries = [];
let observer = null;
let selfMutating = 0;

function mutate(fn) {
  selfMutating++;
  try {
    return fn();
  } finally {
    observer?.takeRecords();
    selfMutating--;
  }
}

// Where the page was scrolled before the first block was hidden, and
// where hiding left it (the browser's scroll anchoring moves it): undo
// returns there when the user has not scrolled since.
let scrollMark = null;

/**
 * The article guard, as the live page has it: the elements of the
 * article's parts and of what the core keeps (headline, byline), located
 * here. The core planned on a tree the page may since have changed.
 */
function guardElements(guard) {
  const found = (locators) => (locators ?? []).map((l) => locate(l)).filter(Boolean);
  return { parts: found(guard?.parts), keep: found(guard?.keep), text: collapse(guard?.text ?? '') };
}

const around = (a, b) => a === b || a.contains(b) || b.contains(a);

// A text this long found in the article's text is the article's: shorter
// ones ("Share", "Advertisement") may stand anywhere.
const ARTICLE_TEXT_MIN_CHARS = 20;

/** Does `el` hold a piece of text the reader shows as the article? */
function holdsArticleText(el, articleText) {
  if (!articleText) return false;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = collapse(node.data);
    if (text.length >= ARTICLE_TEXT_MIN_CHARS && articleText.includes(text)) return true;
  }
  return false;
}

/**
 * May `el` be hidden? Not when it holds or lies in a kept element
 * (headline, byline), nor when it holds a part. Inside a part lie the
 * article's paragraphs and the clutter between them (an ad slot, a
 * sign-up box the reader leaves out): there a block goes unless it holds
 * text the reader shows. A user's rule may hide a block inside the article
 * (an ad there) but never the headline or byline, nor the whole article.
 */
function refuses(el, block, { parts, keep, text }) {
  if (keep.some((k) => around(el, k))) return true;
  if (block.kind === 'user_rule') return parts.length > 0 && parts.every((p) => el.contains(p));
  if (parts.some((p) => el.contains(p))) return true;
  return parts.some((p) => p.contains(el)) && holdsArticleText(el, text);
}

/**
 * Hide the planned blocks that check out in the live page. `guard`:
 * `{parts, keep}` locators of what must stay visible.
 */
function hideBlocks(blocks, guard, { late = false } = {}) {
  const before = { x: window.scrollX, y: window.scrollY };
  const guarded = guardElements(guard);
  return mutate(() => {
    if (!entries.some((e) => e.hidden)) scrollMark = null;
    // A late plan adds to what the user sees and chose (a block they
    // unhid stays shown); a new declutter starts from what is hidden.
    if (!late) entries = entries.filter((e) => e.hidden);
    const added = [];
    for (const block of blocks) {
      if (entries.some((e) => e.block.locator.index === block.locator.index && e.block.locator.fingerprint === block.locator.fingerprint)) continue;
      let el = locate(block.locator);
      if (el && entries.some((e) => e.el === el)) continue;
      const entry = { block, el, hidden: false, refused: null };
      if (el && refuses(el, block, guarded)) {
        entry.refused = 'article';
        entry.el = el = null;
      }
      if (el && !el.hasAttribute(HIDDEN)) {
        el.setAttribute(HIDDEN, '');
        entry.hidden = true;
      }
      entries.push(entry);
      added.push(entry);
    }
    unlockScrolling(added);
    watch();
    scrollMark ??= { before, after: { x: window.scrollX, y: window.scrollY } };
    return added;
  });
}

/** A hidden overlay that had locked the page's scrolling: let it scroll. */
function unlockScrolling(added) {
  if (!added.some((e) => e.hidden && OVERLAY_KINDS.has(e.block.kind))) return;
  const locked = [document.documentElement, document.body].some((el) => el && /hidden|clip/.test(getComputedStyle(el).overflowY));
  if (locked) document.documentElement.setAttribute(UNLOCK, '');
}

function unhide(entry) {
  mutate(() => {
    if (entry.el && entry.hidden) entry.el.removeAttribute(HIDDEN);
    entry.hidden = false;
  });
}

function rehide(entry) {
  mutate(() => {
    if (entry.el && entry.el.isConnected) {
      entry.el.setAttribute(HIDDEN, '');
      entry.hidden = true;
    }
  });
}

function undoAll() {
  const mark = scrollMark;
  const unmoved = mark && window.scrollX === mark.after.x && window.scrollY === mark.after.y;
  mutate(() => {
    for (const entry of entries) if (entry.el && entry.hidden) entry.el.removeAttribute(HIDDEN);
    for (const el of document.querySelectorAll(`[${HIDDEN}]`)) el.removeAttribute(HIDDEN);
    document.documentElement.removeAttribute(UNLOCK);
    entries = [];
  });
  scrollMark = null;
  stopLate();
  if (unmoved) window.scrollTo({ left: mark.before.x, top: mark.before.y, behavior: 'instant' });
  unwatch();
}

/**
 * Blocks the page re-rendered: a hidden element that left the page is
 * looked for, by tag and fingerprint, among the elements just added (only
 * those, so a busy page does not cost a scan of the whole document).
 */
function reconcile(added) {
  if (selfMutating) return;
  mutate(() => {
    for (const entry of entries) {
      if (!entry.hidden) continue;
      if (entry.el?.isConnected) {
        if (!entry.el.hasAttribute(HIDDEN)) entry.el.setAttribute(HIDDEN, '');
        continue;
      }
      const { tag, fingerprint } = entry.block.locator;
      search: for (const root of added) {
        if (!root.isConnected || isOwn(root)) continue;
        const candidates = root.localName === tag ? [root, ...root.getElementsByTagName(tag)] : root.getElementsByTagName(tag);
        for (const candidate of candidates) {
          if (candidate.hasAttribute(HIDDEN)) continue;
          if (fingerprints(candidate).includes(fingerprint)) {
            candidate.setAttribute(HIDDEN, '');
            entry.el = candidate;
            break search;
          }
        }
      }
    }
  });
}

let pending = null; // elements added since the last reconcile
function watch() {
  if (observer || !(entries.some((e) => e.hidden) || late)) return;
  observer = new MutationObserver((records) => {
    if (selfMutating) return;
    const first = pending === null;
    pending ??= new Set();
    for (const record of records) {
      for (const node of record.addedNodes) if (node.nodeType === 1) pending.add(node);
    }
    if (!first) return;
    setTimeout(() => {
      const added = pending;
      pending = null;
      reconcile(added);
      noteLate(added);
    }, 30);
  });
  observer.observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: [HIDDEN],
  });
}

function unwatch() {
  observer?.disconnect();
  observer = null;
}

// ---------------------------------------------------------------------
// Late clutter: while the page is decluttered, content the page adds
// later (a consent banner, a pop-in, a comment widget) is planned too.
// Debounced (the page must be quiet for LATE_QUIET_MS), bounded
// (LATE_PLANS per declutter), and blind to the extension's own changes,
// so it can never loop; what it hides, undo restores like the rest.

let late = null; // {plan, runs, timer}

/** `plan()` re-plans the page and hides what it finds (main.js). */
function watchLate(plan) {
  stopLate();
  late = { plan, runs: 0, timer: null };
  watch();
}

function stopLate() {
  if (late?.timer) clearTimeout(late.timer);
  late = null;
  if (!entries.some((e) => e.hidden)) unwatch();
}

/** Any visible-looking text below `el`, found without building its whole textContent. */
function hasText(el) {
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (/\S/.test(node.data)) return true;
  return false;
}

/** Elements the page added: worth a new plan when they hold anything a block could be. */
function noteLate(added) {
  if (!late || late.runs >= LATE_PLANS) return;
  const worth = [...added].some((el) => el.isConnected && !isOwn(el)
    && (el.querySelector?.('iframe, form, button') || hasText(el)));
  if (!worth) return;
  clearTimeout(late.timer);
  const current = late;
  current.timer = setTimeout(async () => {
    if (late !== current) return;
    current.runs += 1;
    current.timer = null;
    try {
      await current.plan();
    } catch {
      // A failed late plan leaves the page as it is.
    }
  }, LATE_QUIET_MS);
}

// ---------------------------------------------------------------------
// Our own elements (the reader, panel and export frames' hosts, the
// picker, the reading notice): after <body>, marked.

function mountOwn(el) {
  mutate(() => {
    el.setAttribute(OWN, '');
    // (Never appended twice: moving an iframe reloads it.)
    if (el.parentNode !== document.documentElement) document.documentElement.appendChild(el);
  });
  return el;
}

function unmountOwn(el) {
  mutate(() => el?.remove());
}

// ---------------------------------------------------------------------
// Reader view: mounted after <body>; the page is hidden, not destroyed.

let reader = null; // {host, scrollX, scrollY, focus, shown}
const LOADING = 'data-loading';

/** Mount the reader's host after <body>, transparent while it loads (content/own.css). */
function mountReader(host) {
  if (reader) unmountReader();
  reader = {
    host,
    scrollX: window.scrollX,
    scrollY: window.scrollY,
    focus: document.activeElement,
    shown: false,
  };
  host.setAttribute(LOADING, '');
  mountOwn(host);
}

/** Show the mounted reader: the page is hidden under it, scrolled to the top. */
function showReader() {
  if (!reader || reader.shown) return;
  reader.shown = true;
  mutate(() => {
    document.documentElement.setAttribute(READER, '');
    reader.host.removeAttribute(LOADING);
  });
  window.scrollTo({ left: 0, top: 0, behavior: 'instant' });
}

function unmountReader() {
  if (!reader) return;
  const { host, scrollX, scrollY, focus } = reader;
  reader = null;
  unmountOwn(host);
  mutate(() => document.documentElement.removeAttribute(READER));
  window.scrollTo({ left: scrollX, top: scrollY, behavior: 'instant' });
  if (focus && focus !== document.body && focus.isConnected) {
    try {
      focus.focus({ preventScroll: true });
    } catch {
      // not focusable any more
    }
  }
}

export const applier = {
  locate,
  fingerprints,
  hideBlocks,
  unhide,
  rehide,
  undoAll,
  watchLate,
  get latePlans() { return late?.runs ?? 0; },
  get entries() { return entries; },
  get hiddenCount() { return entries.filter((e) => e.hidden).length; },
  mountOwn,
  unmountOwn,
  mountReader,
  showReader,
  unmountReader,
  get readerMounted() { return !!reader; },
  get readerShown() { return !!reader?.shown; },
  get readerHost() { return reader?.host ?? null; },
};
