// The engine, as the content script sees it: one interface, two paths,
// tried in order.
//
// 1. The extension's own context (Chrome's service worker, Firefox's
//    background page), fed the serialised HTML by message. Its instance is
//    compiled once per browser session and stays warm, and it is the only
//    path in Chrome on pages whose CSP keeps a content script from compiling
//    WebAssembly.
// 2. In the page: fetch the .wasm from the extension and run it in the
//    content script. Used when the extension's context does not answer.
//    (Measured in headless Chromium: toolbar click to reader painted took
//    about 160-250 ms through path 1 and 370-600 ms through path 2, because a
//    fresh instance per page pays V8's lazy compilation on its first
//    extraction; warm, path 2 saves the message copy.)
import { api } from '../shared/platform.js';
import { wasmEngine } from '../shared/wasm.js';

let path = null; // 'page' | 'extension', for the tests and bug reports
const local = wasmEngine(); // the page's own instance, loaded when first needed

async function remote(op, args) {
  const reply = await api.runtime.sendMessage({ type: 'engine', op, args });
  if (!reply?.ok) throw new Error(reply?.error ?? 'engine unavailable');
  return reply.value;
}

// Which path goes first. The extension's instance is compiled once per
// browser session and already warm; a page's own instance is compiled and
// warmed up per page (V8 compiles wasm functions lazily, so the first
// extraction in a fresh instance is several times slower than later ones).
let order = ['extension', 'page'];

async function call(op, args) {
  let lastError;
  for (const which of order) {
    try {
      if (which === 'extension') {
        const value = await remote(op, args);
        path = 'extension';
        return value;
      }
      const value = await local.run(op, args);
      path = 'page';
      return value;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError ?? new Error('no engine available');
}

// Script bodies shorter than this stay (cutting them saves little).
const CUT_SCRIPT_CHARS = 256;
// The only scripts the core reads (JSON_LD_TYPE in src/metadata.rs, whose
// tests check this copy).
const READ_SCRIPT_TYPE = 'application/ld+json';

/**
 * `html` without the bodies of the page's scripts, which the core never
 * reads and which are often a third of a page's bytes: less to copy to the
 * engine and to parse. A body is cut only where the serialised text holds
 * it exactly, between its start tag's `>` and `</script`, so the core
 * parses the same elements and text (a script's text is no page text).
 */
function withoutScriptBodies(html) {
  const kept = [];
  let from = 0;
  for (const script of document.getElementsByTagName('script')) {
    if (script.namespaceURI !== 'http://www.w3.org/1999/xhtml') continue;
    if (script.type.trim().toLowerCase() === READ_SCRIPT_TYPE) continue;
    const body = script.text;
    if (body.length < CUT_SCRIPT_CHARS) continue;
    const at = html.indexOf(body, from);
    if (at < 0) continue;
    const end = at + body.length;
    if (html[at - 1] !== '>' || !html.startsWith('</script', end)) continue;
    kept.push(html.slice(from, at));
    from = end;
  }
  if (from === 0) return html;
  kept.push(html.slice(from));
  return kept.join('');
}

/** The page as the core reads it: doctype plus the live tree. */
function serialise() {
  const doctype = document.doctype ? new XMLSerializer().serializeToString(document.doctype) : '';
  let html = doctype + withoutScriptBodies(document.documentElement.outerHTML);
  // The extension's own elements after <body> (a reader frame that is
  // loading, the panel) are not the page's: cut from the end.
  for (const own of document.querySelectorAll(':root > [data-declutter-own]')) {
    const text = own.outerHTML;
    const at = html.lastIndexOf(text);
    if (at >= 0) html = html.slice(0, at) + html.slice(at + text.length);
  }
  return html;
}

export const engine = {
  serialise,
  extract: (html, url, options) => call('extract', [html, url, options ?? null]),
  exportDocument: (extraction, url, format) => call('exportDocument', [extraction, url, format]),
  fileName: (title, ext) => call('fileName', [title ?? null, ext]),
  ruleSelectors: (path) => call('ruleSelectors', [path]),
  get path() { return path; },
  /** The order the paths are tried in (tests and the benchmark compare them). */
  get order() { return [...order]; },
  set order(value) { order = [...value]; },
  get timing() { return local.timing; },
};
