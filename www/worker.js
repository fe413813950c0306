// The engine, off the main thread: the extension's own wasm build
// (wasm-bindgen --target web, copied unchanged from dist/wasm) in a module
// worker. The page terminates this worker to cancel a run and starts a new
// one, so nothing here needs to be interruptible.
//
// In:  {id, op: 'extract', html?: string, bytes?: ArrayBuffer, url, limits}
//      {id, op: 'page', html?, bytes?}: only the page for the map
// Out: {type: 'ready', version, init} once, or {type: 'fatal', message};
//      {id, type: 'stage', stage, bytes?, chars?};
//      {id, type: 'result', extraction, exports, timings, page?} or {id, type: 'error', message}.
//
// Big strings cross back as UTF-8 ArrayBuffers, transferred rather than
// copied, so a 20 MB page does not stall the main thread on the way back:
// the exports always, the article HTML when it is over `limits.reader`, the
// page for the map only when it is under `limits.page` characters.
import init, * as wasm from './wasm/declutter.js';

const now = () => performance.now();
const encoder = new TextEncoder();

const ready = (async () => {
  const start = now();
  await init({ module_or_path: new URL('./wasm/declutter_bg.wasm', import.meta.url) });
  const info = { version: wasm.version(), init: now() - start };
  postMessage({ type: 'ready', ...info });
  return info;
})();
ready.catch((error) => postMessage({ type: 'fatal', message: `The engine did not load: ${error?.message ?? error}` }));

/** The tree the core parses (nesting capped as the core caps it). */
const limitNesting = (html) => wasm.limitNesting(html);

/**
 * Bytes to text as a browser reads a page it was handed: the core decides
 * the encoding (byte-order mark, else <meta charset>, else UTF-8), the
 * browser's decoder decodes; bad sequences become U+FFFD.
 */
function decode(bytes) {
  const view = new Uint8Array(bytes);
  return new TextDecoder(wasm.pageEncoding(view.subarray(0, 4096))).decode(view);
}

function text({ id, html, bytes }) {
  if (html != null) return html;
  postMessage({ id, type: 'stage', stage: 'decode', bytes: bytes.byteLength });
  return decode(bytes);
}

const FORMATS = [
  ['text', 'txt'],
  ['markdown', 'md'],
  ['html', 'html'],
];

async function extract(message, transfer) {
  const { id, url = '', limits = {} } = message;
  await ready;
  const timings = {};
  let t = now();
  const html = text(message);
  if (message.html == null) timings.decode = now() - t;

  postMessage({ id, type: 'stage', stage: 'extract', chars: html.length });
  t = now();
  const extraction = wasm.extract(html, url, undefined);
  timings.extract = now() - t;

  postMessage({ id, type: 'stage', stage: 'export' });
  t = now();
  const exports = {};
  if (extraction.article) {
    const title = extraction.metadata?.title ?? null;
    for (const [format, ext] of FORMATS) {
      const bytes = encoder.encode(wasm.exportDocument(extraction, url, format)).buffer;
      transfer.push(bytes);
      exports[format] = { name: wasm.fileName(title, ext), bytes };
    }
    // What the page draws from: the article HTML (as bytes when it is too
    // big to lay out without asking), the word count, the reading time.
    const { html: articleHtml, word_count, reading_time_minutes, parts } = extraction.article;
    extraction.article = { word_count, reading_time_minutes, parts, html_chars: articleHtml.length };
    if (articleHtml.length > (limits.reader ?? Infinity)) {
      extraction.article.html_bytes = encoder.encode(articleHtml).buffer;
      transfer.push(extraction.article.html_bytes);
    } else {
      extraction.article.html = articleHtml;
    }
  }
  timings.export = now() - t;

  const page = html.length > (limits.page ?? Infinity) ? undefined : limitNesting(html);
  return { extraction, exports, timings, page, chars: html.length };
}

onmessage = async ({ data }) => {
  try {
    if (data?.op === 'extract') {
      const transfer = [];
      const result = await extract(data, transfer);
      postMessage({ id: data.id, type: 'result', ...result }, transfer);
    } else if (data?.op === 'page') {
      postMessage({ id: data.id, type: 'result', page: limitNesting(text(data)) });
    }
  } catch (error) {
    postMessage({ id: data?.id, type: 'error', message: String(error?.message ?? error) });
  }
};
