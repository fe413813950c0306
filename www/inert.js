// Making a page safe and offline before the playground shows it.
//
// The clutter map shows the page in a sandboxed frame without scripts; on
// top of that, nothing in it may reach the network (the playground promises
// no requests beyond its own files) or trip the page's Content Security
// Policy. So every URL that would load something (images, stylesheets,
// fonts, media, frames, CSS url() and @import) is removed or replaced by an
// inline placeholder, in a document that DOMParser built (it loads nothing),
// before any of it is attached to a live document. The element tree itself
// is kept as it is, so the core's locators (element index, selector, text
// fingerprint) still find their blocks.

/** A picture placeholder (remote images are not fetched): a light box with a
 * small picture sign in its middle, whatever size the page gives it. */
export const PLACEHOLDER = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg"><rect width="100%" height="100%" fill="#e9ecf0"/>'
  + '<g transform="translate(-14 -10)"><svg x="50%" y="50%" width="28" height="20" viewBox="0 0 28 20" overflow="visible">'
  + '<path d="M0 20l9-10 6 6 4-4 9 8z" fill="#aab2bd"/><circle cx="21" cy="4" r="3" fill="#aab2bd"/></svg></g></svg>',
)}`;

const isData = (value) => /^\s*data:/i.test(value);

// Elements whose content the tokenizer reads as text up to their end tag.
const RAW = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'textarea', 'title']);
const SPACE = /[\t\n\f\r ]/;

/** Index of `</name` (followed by space, / or >) at or after `from`, or -1. */
function closing(html, name, from) {
  const re = new RegExp(`</${name}(?=[\\t\\n\\f\\r /> ])`, 'gi');
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? m.index : -1;
}

/**
 * The page's markup with two changes made at the tokenizer level, before
 * anything parses it:
 *
 * - Event handler attributes (`onload=…`) dropped. They would never run, but
 *   a parser working under this page's policy reports each one as a policy
 *   violation in the console.
 * - `<noscript>` contents dropped. The core parses as a browser with
 *   scripting on does, where a noscript holds raw text; DOMParser and a
 *   script-less frame parse it as markup, which would add elements (and, in
 *   <head>, end the head early), shifting every element index after it.
 *
 * A small HTML tokenizer: comments, doctypes, end tags and raw-text
 * elements (script, style, textarea, title…) are passed over as the HTML
 * spec's tokenizer passes over them; attributes are read as it reads them.
 */
export function prepareHtml(html) {
  const n = html.length;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html[lt + 1] ?? '';
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (next === '!' || next === '?' || next === '/') {
      // Doctype, bogus comment or end tag: nothing in them acts.
      const end = html.indexOf('>', lt + 2);
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(next)) {
      i = lt + 1;
      continue;
    }
    let j = lt + 1;
    while (j < n && !SPACE.test(html[j]) && html[j] !== '/' && html[j] !== '>') j++;
    const name = html.slice(lt + 1, j).toLowerCase();
    // Attributes, up to the `>` that ends the tag.
    while (j < n) {
      while (j < n && (SPACE.test(html[j]) || html[j] === '/')) j++;
      if (j >= n || html[j] === '>') break;
      const start = j;
      j++; // the first character may be '='
      while (j < n && !SPACE.test(html[j]) && html[j] !== '/' && html[j] !== '>' && html[j] !== '=') j++;
      const attr = html.slice(start, j);
      let k = j;
      while (k < n && SPACE.test(html[k])) k++;
      if (html[k] === '=') {
        k++;
        while (k < n && SPACE.test(html[k])) k++;
        const quote = html[k];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, k + 1);
          k = end < 0 ? n : end + 1;
        } else {
          while (k < n && !SPACE.test(html[k]) && html[k] !== '>') k++;
        }
        j = k;
      }
      if (/^on/i.test(attr)) {
        out += html.slice(copied, start);
        copied = j;
      }
    }
    const tagEnd = Math.min(n, j + 1);
    i = tagEnd;
    if (name === 'plaintext') break;
    if (RAW.has(name) || name === 'noscript') {
      const end = closing(html, name, tagEnd);
      if (name === 'noscript') {
        out += html.slice(copied, tagEnd);
        copied = end < 0 ? n : end;
      }
      i = end < 0 ? n : end;
    }
  }
  return out + html.slice(copied);
}

/** CSS with every non-data url(), image-set() and @import made inert. */
export function inertCss(css) {
  return css
    .replace(/@import\s+(?:url\([^)]*\)|"[^"]*"|'[^']*')[^;]*;?/gi, '')
    .replace(/url\(\s*("[^"]*"|'[^']*'|[^)]*?)\s*\)/gi, (whole, inner) => (isData(inner.replace(/^["']/, '')) ? whole : 'none'))
    .replace(/(-webkit-)?image-set\([^)]*\)/gi, 'none');
}

// Attributes that load something, per element (href handled apart).
const DROP = ['srcset', 'imagesrcset', 'poster', 'background', 'lowsrc', 'dynsrc', 'data', 'codebase', 'archive',
  'ping', 'manifest', 'srcdoc', 'action', 'formaction', 'longdesc', 'profile', 'icon'];
const LINKS = new Set(['a', 'area']);

function inertElement(el) {
  const tag = el.localName;
  for (const attr of Array.from(el.attributes)) {
    const name = attr.name.toLowerCase();
    if (name.startsWith('on')) el.removeAttribute(attr.name);
  }
  if (el.hasAttribute('style')) el.setAttribute('style', inertCss(el.getAttribute('style')));
  for (const name of DROP) if (el.hasAttribute(name) && !isData(el.getAttribute(name))) el.removeAttribute(name);
  if (el.hasAttribute('src') && !isData(el.getAttribute('src'))) {
    if (tag === 'img' || (tag === 'input' && el.getAttribute('type')?.toLowerCase() === 'image')) {
      el.setAttribute('data-declutter-src', el.getAttribute('src'));
      el.setAttribute('src', PLACEHOLDER);
    } else {
      el.removeAttribute('src');
    }
  } else if (tag === 'img' && !el.hasAttribute('src')) {
    el.setAttribute('src', PLACEHOLDER);
  }
  if (!LINKS.has(tag)) {
    for (const name of ['href', 'xlink:href']) {
      const value = el.getAttribute(name);
      if (value != null && !value.trim().startsWith('#') && !isData(value)) el.removeAttribute(name);
    }
  }
  if (tag === 'meta' && el.hasAttribute('http-equiv')) {
    const equiv = el.getAttribute('http-equiv').toLowerCase();
    if (equiv === 'refresh' || equiv === 'set-cookie' || equiv === 'link') el.removeAttribute('http-equiv');
  }
  if (tag === 'style') el.textContent = inertCss(el.textContent);
  // A script of a type no browser runs is never even tried (a sandboxed
  // frame reports every script it refuses to run as an error).
  if (tag === 'script') {
    if (el.hasAttribute('type')) el.setAttribute('data-declutter-type', el.getAttribute('type'));
    el.setAttribute('type', 'text/x-declutter-inert');
  }
}

/**
 * The page as inert HTML for the map frame's srcdoc: nothing in it loads,
 * runs or navigates; same element tree as the core parsed.
 */
export function inertPage(html) {
  const doc = new DOMParser().parseFromString(prepareHtml(html), 'text/html');
  for (const el of doc.getElementsByTagName('*')) inertElement(el);
  for (const template of doc.querySelectorAll('template')) {
    for (const el of template.content.querySelectorAll('*')) inertElement(el);
  }
  const doctype = doc.doctype ? new XMLSerializer().serializeToString(doc.doctype) : '';
  return `${doctype}${doc.documentElement.outerHTML}`;
}

/**
 * The article HTML (already sanitised by the core) for the reader view, with
 * images that would load from the web replaced by a placeholder naming them:
 * the playground shows no remote content. Links open in a new tab.
 */
export function offlineArticle(html) {
  const doc = new DOMParser().parseFromString(`<!DOCTYPE html><body>${html}`, 'text/html');
  let images = 0;
  for (const img of doc.body.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    if (isData(src)) continue;
    images++;
    img.setAttribute('src', PLACEHOLDER);
    const what = img.getAttribute('alt') || src;
    img.setAttribute('title', `Not loaded in the playground: ${what}`);
    img.removeAttribute('srcset');
  }
  for (const a of doc.body.querySelectorAll('a[href]')) a.setAttribute('target', '_blank');
  return { html: doc.body.innerHTML, images };
}
