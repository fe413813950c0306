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

/** The page as the core reads it: doctype plus the live tree. */
function serialise() {
  const doctype = document.doctype ? new XMLSerializer().serializeToString(document.doctype) : '';
  let html = doctype + document.documentElement.outerHTML;
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
