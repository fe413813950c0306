// The clutter map: the page itself in a sandboxed frame (no scripts, nothing
// loaded from the network: see inert.js), the article outlined and every
// clutter block boxed in its kind's colour, with the list of blocks beside
// it. Blocks are found with the extension's own locator check
// (content/applier.js `locate`), exactly as the extension finds them in a
// live page; a block that does not check out is listed as not found.
import { inertPage } from './inert.js';
import { applier } from '../extension/content/applier.js';

/** Pages larger than this (characters, or tags) are not drawn without
 * asking: a same-origin frame parses and lays out on this tab's main thread. */
export const RENDER_LIMIT = { chars: 4 * 1024 * 1024, tags: 100_000 };

/** Whether the text looks like binary data read as text (undecodable bytes,
 * control characters): browsers take seconds to lay such text out. */
function looksBinary(html) {
  const head = html.slice(0, 100_000);
  const odd = head.match(/[\ufffd\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  return odd > head.length / 200;
}

function countTags(html) {
  let tags = 0;
  for (let i = html.indexOf('<'); i >= 0 && tags <= RENDER_LIMIT.tags; i = html.indexOf('<', i + 1)) tags++;
  return tags;
}

/** One colour per kind (labels carry the kind too, so colour is never the only cue). */
const COLORS = {
  article: '#1a7f37',
  newsletter: '#0b5cad',
  comments: '#b3401b',
  repeated_boilerplate: '#8e3b8e',
  share: '#8a5a00',
  related: '#1f6f8b',
  ad: '#c0262d',
  cookie_consent: '#57606a',
  app_promo: '#6b4fbb',
  floating: '#3d6b35',
};
export const kindColor = (kind) => COLORS[kind] ?? '#57606a';

const OVERLAY_CSS = `
:host { all: initial; }
.layer { position: absolute; left: 0; top: 0; width: 0; height: 0; font: 12px/1.3 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; }
.box, .article {
  position: absolute; box-sizing: border-box; margin: 0; padding: 0; background: transparent;
  border: 3px solid var(--kind); border-radius: 3px; color: inherit; font: inherit;
}
.article { border-style: dashed; pointer-events: none; background: color-mix(in srgb, var(--kind) 6%, transparent); }
.box { cursor: pointer; background: color-mix(in srgb, var(--kind) 12%, transparent); }
.box:hover, .box:focus-visible, .box[data-active] { background: color-mix(in srgb, var(--kind) 24%, transparent); z-index: 2; }
.box:focus-visible { outline: 3px solid #000; outline-offset: 2px; box-shadow: 0 0 0 6px #fff; }
.tag {
  position: absolute; left: -3px; top: -3px; max-width: calc(100% + 6px); overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
  background: var(--kind); color: #fff; padding: 1px 6px 2px; border-radius: 3px 0 3px 0; font-weight: 600; text-align: start;
}
.article .tag { border-radius: 0 0 3px 0; }
.tip {
  display: none; position: absolute; left: -3px; top: calc(100% + 4px); z-index: 3;
  width: max-content; max-width: min(30em, 80vw); box-sizing: border-box; text-align: start;
  background: #1f2328; color: #fff; padding: 6px 8px; border-radius: 6px; box-shadow: 0 4px 14px rgba(0,0,0,.3);
  font-weight: 400; white-space: normal;
}
.tip b { display: block; margin-bottom: 2px; }
.box:hover .tip, .box:focus-visible .tip, .box[data-active] .tip { display: block; }
.box.above .tip { top: auto; bottom: calc(100% + 4px); }
`;

/**
 * The map of one result. `ui`: the elements it draws in ({frameWrap, list,
 * legend, note}), `kindLabel(kind)`, `kinds()` (every kind the extension
 * names) and `onForce()` (the user asked to draw a page over the limits).
 */
export class ClutterMap {
  constructor(ui) {
    this.ui = ui;
    this.token = 0;
    this.entries = [];
    this.observer = new ResizeObserver(() => this.layout());
  }

  /**
   * Show `html` (the page as the core parsed it; null when too big to have
   * been sent) with `extraction`'s article and blocks. Resolves when the
   * frame is laid out, with {rendered, found, total}.
   */
  async show(html, extraction, { force = false, chars = html?.length ?? 0 } = {}) {
    const token = ++this.token;
    this.observer.disconnect();
    this.active = null;
    const blocks = extraction.clutter ?? [];
    this.entries = blocks.map((block, i) => ({ block, i, el: null, box: null, item: null, state: 'pending' }));
    this.article = null;
    this.renderList();
    this.renderLegend(extraction);

    const big = html == null || html.length > RENDER_LIMIT.chars ? `${(chars / 1e6).toFixed(1)} million characters`
      : countTags(html) > RENDER_LIMIT.tags ? `more than ${RENDER_LIMIT.tags.toLocaleString('en')} tags`
        : looksBinary(html) ? 'many bytes that are not text (is it HTML?)' : null;
    if (big && !force) {
      const note = document.createElement('div');
      note.className = 'empty';
      const p = document.createElement('p');
      p.textContent = `This page has ${big}: drawing it here would keep this tab busy for a while, so it is not drawn. The blocks the engine found are listed.`;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Draw it anyway';
      button.addEventListener('click', () => this.ui.onForce?.());
      note.append(p, button);
      this.ui.frameWrap.replaceChildren(note);
      for (const entry of this.entries) entry.state = 'unrendered';
      this.renderList();
      this.ui.note.textContent = 'Page not drawn.';
      return { rendered: false, found: 0, total: blocks.length };
    }

    const frame = document.createElement('iframe');
    // allow-same-origin (no allow-scripts): nothing in the page runs, and
    // this page can read the frame's layout to draw the boxes.
    frame.setAttribute('sandbox', 'allow-same-origin');
    // The frame inherits this page's policy (nothing from other hosts); in
    // Chromium this narrows it further (CSP Embedded Enforcement).
    frame.setAttribute('csp', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:");
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.setAttribute('title', 'The page as given, scripts off, with the article outlined and the clutter boxed');
    frame.className = 'page-frame';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.srcdoc = inertPage(html);
    this.ui.frameWrap.replaceChildren(frame);
    await loaded;
    if (token !== this.token) return { rendered: false, found: 0, total: blocks.length };
    this.frame = frame;
    const doc = frame.contentDocument;

    // Find every block first: the overlay is added after, so it cannot
    // shift an element index.
    for (const entry of this.entries) {
      entry.el = applier.locate(entry.block.locator, doc);
      entry.state = entry.el ? 'found' : 'missing';
    }
    this.article = articleRange(doc, extraction.article?.parts ?? []);

    // The page stays visible but takes no clicks or focus (links would
    // navigate the frame); only the boxes do.
    for (const child of Array.from(doc.documentElement.children)) {
      if (child.localName !== 'head') child.inert = true;
    }
    this.mountOverlay(doc);
    this.layout();
    this.observer.observe(frame);
    this.observer.observe(doc.documentElement);
    this.renderList();
    const found = this.entries.filter((e) => e.el).length;
    const missing = this.entries.length - found;
    const unseen = this.entries.filter((e) => e.state === 'unseen').length;
    this.ui.note.textContent = [
      this.article ? 'Article outlined.' : (extraction.article ? 'The article text was not found in the rendering.' : 'No article.'),
      `${found} of ${blocks.length} block${blocks.length === 1 ? '' : 's'} found in the page`
        + (missing ? `, ${missing} not found (the locator did not check out)` : '')
        + (unseen ? `; ${unseen} take no space as drawn here` : '') + '.',
    ].join(' ');
    return { rendered: true, found, total: blocks.length, article: !!this.article };
  }

  mountOverlay(doc) {
    const host = doc.createElement('declutter-map');
    host.setAttribute('data-declutter-own', '');
    // Inline !important: nothing in the page's own styles reaches the layer.
    host.style.cssText = 'all: initial !important; display: block !important; position: absolute !important;'
      + ' left: 0 !important; top: 0 !important; width: 0 !important; height: 0 !important; z-index: 2147483647 !important;';
    const shadow = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = OVERLAY_CSS;
    const layer = doc.createElement('div');
    layer.className = 'layer';
    shadow.append(style, layer);

    if (this.article) {
      const outline = doc.createElement('div');
      outline.className = 'article';
      outline.style.setProperty('--kind', kindColor('article'));
      const tag = doc.createElement('span');
      tag.className = 'tag';
      tag.textContent = 'Article';
      outline.append(tag);
      layer.append(outline);
      this.article.box = outline;
    }
    for (const entry of this.entries) {
      if (!entry.el) continue;
      const { kind, reason } = entry.block;
      const label = this.ui.kindLabel(kind);
      const box = doc.createElement('button');
      box.type = 'button';
      box.className = 'box';
      box.dataset.kind = kind;
      box.dataset.i = String(entry.i);
      box.style.setProperty('--kind', kindColor(kind));
      box.setAttribute('aria-label', `${label}: ${reason}`);
      const tag = doc.createElement('span');
      tag.className = 'tag';
      tag.textContent = label;
      tag.setAttribute('aria-hidden', 'true');
      const tip = doc.createElement('span');
      tip.className = 'tip';
      tip.setAttribute('aria-hidden', 'true');
      const b = doc.createElement('b');
      b.textContent = label;
      tip.append(b, reason);
      box.append(tag, tip);
      layer.append(box);
      entry.box = box;
    }
    layer.addEventListener('click', (event) => {
      const box = event.target.closest?.('.box');
      if (box) this.select(Number(box.dataset.i), { from: 'frame' });
    });
    layer.addEventListener('focusin', (event) => {
      const box = event.target.closest?.('.box');
      if (box) this.mark(Number(box.dataset.i));
    });
    doc.documentElement.append(host);
    this.host = host;
  }

  /** Place the boxes over their elements (again after any resize). */
  layout() {
    if (!this.frame?.contentDocument || !this.host?.isConnected) return;
    const origin = this.host.getBoundingClientRect();
    const place = (box, rect) => {
      box.style.left = `${rect.left - origin.left}px`;
      box.style.top = `${rect.top - origin.top}px`;
      box.style.width = `${Math.max(rect.width, 8)}px`;
      box.style.height = `${Math.max(rect.height, 8)}px`;
      box.classList.toggle('above', rect.top - origin.top > 200 && rect.height > 200);
    };
    let changed = false;
    for (const entry of this.entries) {
      if (!entry.box) continue;
      const rect = entry.el.getBoundingClientRect();
      const seen = rect.width > 0 || rect.height > 0;
      const state = seen ? 'found' : 'unseen';
      if (state !== entry.state) {
        entry.state = state;
        changed = true;
      }
      entry.box.hidden = !seen;
      if (seen) place(entry.box, rect);
    }
    if (this.article?.box) {
      const rect = this.article.range.getBoundingClientRect();
      const pad = 4;
      place(this.article.box, { left: rect.left - pad, top: rect.top - pad - 18, width: rect.width + 2 * pad, height: rect.height + 2 * pad + 18 });
    }
    if (changed) this.renderList();
  }

  /** Highlight block `i` in the list (and its box). */
  mark(i) {
    this.active = i;
    for (const entry of this.entries) {
      const on = entry.i === i;
      entry.item?.classList.toggle('active', on);
      if (on) entry.item?.setAttribute('aria-current', 'true');
      else entry.item?.removeAttribute('aria-current');
      if (entry.box) {
        if (on) entry.box.setAttribute('data-active', '');
        else entry.box.removeAttribute('data-active');
      }
    }
  }

  /** Block `i` chosen in the list or in the frame. */
  select(i, { from = 'list' } = {}) {
    const entry = this.entries[i];
    if (!entry) return;
    this.mark(i);
    if (from === 'list' && entry.box && !entry.box.hidden) {
      scrollFrameTo(this.frame, entry.box);
    } else if (from === 'frame') {
      entry.item?.scrollIntoView({ block: 'nearest' });
    }
  }

  renderLegend(extraction) {
    const counts = new Map();
    for (const block of extraction.clutter ?? []) counts.set(block.kind, (counts.get(block.kind) ?? 0) + 1);
    const kinds = [...new Set([...this.ui.kinds(), ...counts.keys()])];
    const item = (kind, label, count) => {
      const li = document.createElement('li');
      li.dataset.kind = kind;
      li.style.setProperty('--kind', kindColor(kind));
      if (!count) li.classList.add('none');
      const swatch = document.createElement('span');
      swatch.className = kind === 'article' ? 'swatch dashed' : 'swatch';
      swatch.setAttribute('aria-hidden', 'true');
      li.append(swatch, ` ${label}`);
      if (kind !== 'article') {
        const n = document.createElement('span');
        n.className = 'n';
        n.textContent = ` ${count ?? 0}`;
        li.append(n);
      }
      return li;
    };
    this.ui.legend.replaceChildren(
      item('article', 'Article', extraction.article ? 1 : 0),
      ...kinds.map((kind) => item(kind, this.ui.kindLabel(kind), counts.get(kind) ?? 0)),
    );
  }

  renderList() {
    const { list } = this.ui;
    if (!this.entries.length) {
      const li = document.createElement('li');
      li.className = 'none';
      li.textContent = 'No clutter found on this page.';
      list.replaceChildren(li);
      return;
    }
    const STATE = {
      pending: 'looking for it in the page…',
      found: 'boxed in the page',
      unseen: 'found, but it takes no space as drawn here (hidden by the page’s styles)',
      missing: 'not found in the page: its locator did not check out',
      unrendered: 'page not drawn',
    };
    list.replaceChildren(...this.entries.map((entry) => {
      const { kind, reason, preview, locator } = entry.block;
      const li = document.createElement('li');
      li.className = 'block';
      li.dataset.kind = kind;
      li.dataset.state = entry.state;
      li.dataset.index = String(locator.index);
      li.style.setProperty('--kind', kindColor(kind));
      const button = document.createElement('button');
      button.type = 'button';
      const span = (cls, text) => {
        const s = document.createElement('span');
        s.className = cls;
        s.textContent = text;
        return s;
      };
      const head = span('head', '');
      const swatch = span('swatch', '');
      swatch.setAttribute('aria-hidden', 'true');
      const where = span('where', `<${locator.tag}> #${locator.index}`);
      where.title = `Element ${locator.index} in document order${locator.selector ? `; selector ${locator.selector}` : ''}`;
      head.append(swatch, span('kind', this.ui.kindLabel(kind)), where);
      button.append(head, span('reason', reason));
      if (preview) button.append(span('preview', `“${preview}”`));
      button.append(span('state', STATE[entry.state] ?? entry.state));
      button.disabled = false;
      button.addEventListener('click', () => this.select(entry.i));
      li.append(button);
      entry.item = li;
      if (entry.i === this.active) {
        li.classList.add('active');
        li.setAttribute('aria-current', 'true');
      }
      return li;
    }));
  }
}

/** Scroll the frame so `box` is in the middle of it, without moving the page. */
function scrollFrameTo(frame, box) {
  const win = frame?.contentWindow;
  if (!win) return;
  const rect = box.getBoundingClientRect();
  const top = win.scrollY + rect.top - Math.max(0, (win.innerHeight - rect.height) / 2);
  const left = rect.left < 0 || rect.right > win.innerWidth ? win.scrollX + rect.left - 16 : win.scrollX;
  const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
  win.scrollTo({ top: Math.max(0, top), left: Math.max(0, left), behavior: smooth ? 'smooth' : 'instant' });
}

/**
 * Where the article lies in the page: a DOM Range from its first part to its
 * last, each found with the extension's own locator check, as the core
 * reported them. Null when a part is not found.
 */
function articleRange(doc, parts) {
  const found = parts.map((locator) => applier.locate(locator, doc));
  if (!found.length || found.some((el) => !el)) return null;
  const range = doc.createRange();
  range.setStartBefore(found[0]);
  range.setEndAfter(found[found.length - 1]);
  return { range, box: null };
}
