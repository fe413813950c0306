// The playground: four ways in (sample, file, drop, paste), the engine in a
// Web Worker (cancel = terminate and start a new one), and three views of
// the result: the clutter map, the extension's own reader view, the exports.
// Everything the engine decides comes from the worker; this file only moves
// data and draws.
import { ClutterMap, RENDER_LIMIT } from './map.js';
import { offlineArticle } from './inert.js';
import { setMessages } from './platform.js';
import { build as buildReader } from '../extension/frame/reader.js';
import { copy, save } from '../extension/frame/exports.js';
import { kindLabel, t } from '../extension/shared/words.js';
const $ = (id) => document.getElementById(id);
const now = () => performance.now();

/** Larger inputs are refused with a message (the engine works on a copy in wasm memory). */
const MAX_BYTES = 64 * 1024 * 1024;
/** Article HTML above this is not laid out in the reader without asking. */
const READER_LIMIT = 3 * 1024 * 1024;
/** Export previews show this many characters; copy and download have everything. */
const PREVIEW_CHARS = 200_000;

// Where the playground's own wording differs from the extension's.
const OVERRIDES = {
  readerDeclutter: 'Clutter map',
  readerLabel: 'Reader view',
};

const state = {
  source: null, // {html?: string, bytes?: ArrayBuffer, name, url}
  result: null, // {extraction, exports, timings, page?, chars}: the worker's reply
  runId: 0,
  running: null, // the worker call in progress: {id, resolve, reject}
  engine: null, // {version, init}
  buildInfo: null,
  samples: [],
  kinds: [],
  forceReader: false,
};

const fmtMs = (ms) => (ms < 10 ? `${ms.toFixed(1)} ms` : ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
const fmtBytes = (n) => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB` : `${(n / 1048576).toFixed(2)} MB`);

function setState(name) {
  document.documentElement.dataset.state = name;
  $('views').setAttribute('aria-busy', String(name === 'running'));
}

function status(text, { error = false } = {}) {
  const el = $('status');
  el.textContent = text;
  el.classList.toggle('error', error);
}

// ------------------------------------------------------------------ engine

let worker = null;
let engineReady = null; // Promise<{version, init}>

function startWorker() {
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'declutter-engine' });
  let started = false;
  let failed;
  engineReady = new Promise((resolve, reject) => {
    failed = reject;
    worker.addEventListener('message', function first({ data }) {
      if (data?.type === 'ready') {
        started = true;
        worker.removeEventListener('message', first);
        resolve({ version: data.version, init: data.init });
      } else if (data?.type === 'fatal') {
        reject(new Error(data.message));
      }
    });
  });
  engineReady.catch(() => {});
  worker.addEventListener('message', ({ data }) => {
    const run = state.running;
    if (!run || data?.id !== run.id) return;
    if (data.type === 'stage') stage(data);
    else if (data.type === 'result') run.resolve(data);
    else if (data.type === 'error') run.reject(new Error(data.message));
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    if (!started) {
      // It never came up (its script or the wasm did not load): say so, no retry loop.
      failed(new Error(`The engine did not start${event.message ? `: ${event.message}` : ''}.`));
      state.running?.reject(new Error('The engine did not start.'));
      return;
    }
    const message = event.message ? `The engine stopped: ${event.message}` : 'The engine stopped (it may have run out of memory on this page).';
    state.running?.reject(new Error(message));
    restartWorker();
  });
}

function restartWorker() {
  worker?.terminate();
  startWorker();
}

function stage({ stage: name, bytes, chars }) {
  const text = {
    read: 'Reading the file…',
    send: 'Handing the page to the engine…',
    decode: `Decoding ${fmtBytes(bytes ?? 0)}…`,
    extract: `Extracting in the worker (${fmtBytes(chars ?? 0)} of HTML)…`,
    export: 'Writing the exports…',
    render: 'Drawing the views…',
  }[name] ?? 'Working…';
  $('stage').textContent = text;
  $('progress').dataset.stage = name;
  $('progress').querySelector('[role="progressbar"]').setAttribute('aria-valuetext', text);
}

class Cancelled extends Error {}

/**
 * Ask the worker: `op` 'extract' (the whole run) or 'page' (the page text
 * for the map). The source goes as a copy (bytes are kept here for re-runs).
 */
function runEngine(op, source) {
  const id = ++state.runId;
  return new Promise((resolve, reject) => {
    state.running = { id, resolve, reject };
    const message = { id, op, url: source.url, limits: { reader: READER_LIMIT, page: RENDER_LIMIT.chars } };
    if (source.html != null) message.html = source.html;
    else message.bytes = source.bytes;
    stage({ stage: 'send' });
    worker.postMessage(message);
  }).finally(() => {
    if (state.running?.id === id) state.running = null;
  });
}

function cancel() {
  const run = state.running;
  if (run) {
    restartWorker();
    run.reject(new Cancelled('Cancelled'));
  } else if (document.documentElement.dataset.state === 'running') {
    // Between worker calls (reading the file, drawing): the run in progress
    // finds it is no longer the latest and stops.
    busy++;
    showProgress(false);
    status('Cancelled.');
    setState('cancelled');
    document.documentElement.dataset.runs = String(++finished);
  }
}

// ---------------------------------------------------------------- running

let busy = 0;
let finished = 0;
let ticker = null;

function showProgress(on) {
  $('progress').hidden = !on;
  clearInterval(ticker);
  if (on) {
    const started = now();
    $('elapsed').textContent = '';
    ticker = setInterval(() => { $('elapsed').textContent = `${((now() - started) / 1000).toFixed(1)} s`; }, 100);
  }
}

/**
 * One run: read the input, extract in the worker, draw the views. A new run
 * cancels the one before.
 */
async function run(input) {
  if (state.running) cancel();
  const mine = ++busy;
  const timings = {};
  const t0 = now();
  setState('running');
  showProgress(true);
  status(`Working on ${input.name}…`);
  try {
    let source;
    if (input.file) {
      if (input.file.size > MAX_BYTES) throw new Error(`${input.file.name} is ${fmtBytes(input.file.size)}; the playground takes pages up to ${fmtBytes(MAX_BYTES)}.`);
      stage({ stage: 'read' });
      const bytes = await input.file.arrayBuffer();
      timings.read = now() - t0;
      source = { bytes, name: input.name, url: input.url };
    } else if (input.bytes) {
      source = { bytes: input.bytes, name: input.name, url: input.url };
      timings.read = input.read ?? 0;
    } else {
      if (input.html.length > MAX_BYTES) throw new Error(`That is ${fmtBytes(input.html.length)} of text; the playground takes pages up to ${fmtBytes(MAX_BYTES)}.`);
      source = { html: input.html, name: input.name, url: input.url };
    }
    if (mine !== busy) return;
    await engineReady;
    if (mine !== busy) return;
    const sent = now();
    const reply = await runEngine('extract', source);
    const inWorker = (reply.timings.decode ?? 0) + reply.timings.extract + reply.timings.export;
    Object.assign(timings, reply.timings, { transfer: Math.max(0, now() - sent - inWorker) });
    state.source = source;
    state.result = reply;
    state.forceReader = false;

    stage({ stage: 'render' });
    const r0 = now();
    await render(state.result);
    timings.render = now() - r0;
    timings.total = now() - t0;
    if (mine !== busy) return;
    state.result.timings = timings;
    showTimings(timings);
    const { extraction } = state.result;
    const n = extraction.clutter?.length ?? 0;
    status(extraction.article
      ? `${source.name}: article of ${extraction.article.word_count.toLocaleString('en')} words, ${n} clutter block${n === 1 ? '' : 's'}, in ${fmtMs(timings.total)}.`
      : `${source.name}: no article found${n ? ` (${n} clutter block${n === 1 ? '' : 's'})` : ''}. The engine looked and gave an empty result: the page may not be an article, or not HTML.`);
    setState('done');
  } catch (error) {
    if (mine !== busy) return; // a newer run took over
    if (error instanceof Cancelled) {
      status('Cancelled. The engine was stopped and started afresh; the page stays as it was before.');
      setState('cancelled');
      $('status').focus();
    } else {
      status(String(error?.message ?? error), { error: true });
      setState('error');
    }
  } finally {
    if (mine === busy) {
      showProgress(false);
      // Runs finished (done, failed or cancelled): for tests and scripts.
      document.documentElement.dataset.runs = String(++finished);
    }
  }
}

/** The current page again (after the URL changed). */
function rerun() {
  if (!state.source) return;
  run({ ...state.source, url: $('url').value.trim() });
}

// --------------------------------------------------------------- drawing

const map = new ClutterMap({
  frameWrap: $('frame-wrap'),
  list: $('blocks'),
  legend: $('legend'),
  note: $('map-note'),
  kindLabel,
  kinds: () => state.kinds,
  onForce: () => drawBigMap(),
});

async function render(result) {
  summarise(result.extraction);
  drawExports(result);
  await Promise.all([drawReader(result), drawMap(result)]);
}

function summarise(extraction) {
  const meta = extraction.metadata ?? {};
  const article = extraction.article;
  $('summary').hidden = false;
  $('sum-title').textContent = meta.title || (article ? 'Untitled article' : 'No article found');
  $('sum-meta').textContent = [meta.site_name, meta.byline, meta.published_time, meta.language].filter(Boolean).join(' · ');
  const facts = [];
  if (article) facts.push(`${article.word_count.toLocaleString('en')} words`, `${article.reading_time_minutes} min read`);
  facts.push(extraction.readerable?.is_article ? 'reads as an article' : 'does not read as an article');
  const counts = new Map();
  for (const block of extraction.clutter ?? []) counts.set(block.kind, (counts.get(block.kind) ?? 0) + 1);
  facts.push(counts.size ? [...counts].map(([kind, n]) => `${n} × ${kindLabel(kind).toLowerCase()}`).join(', ') : 'no clutter found');
  $('sum-facts').replaceChildren(...facts.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  const evidence = extraction.readerable?.evidence ?? [];
  $('sum-evidence').replaceChildren(
    Object.assign(document.createElement('li'), { textContent: `Score ${Number(extraction.readerable?.score ?? 0).toFixed(1)}` }),
    ...evidence.map((text) => Object.assign(document.createElement('li'), { textContent: text })),
  );
  $('count-map').textContent = (extraction.clutter?.length ?? 0) ? `(${extraction.clutter.length})` : '';
}

function showTimings(timings) {
  const rows = [
    ['read', 'read input'],
    ['decode', 'decode bytes'],
    ['extract', 'extract (core, in the worker)'],
    ['export', 'exports'],
    ['transfer', 'to and from the worker'],
    ['render', 'draw views'],
    ['total', 'total'],
  ];
  const dl = $('timings');
  dl.replaceChildren();
  for (const [key, label] of rows) {
    if (timings[key] == null) continue;
    const div = document.createElement('div');
    div.dataset.timing = key;
    div.append(Object.assign(document.createElement('dt'), { textContent: label }),
      Object.assign(document.createElement('dd'), { textContent: fmtMs(timings[key]) }));
    dl.append(div);
  }
  dl.hidden = false;
}

async function drawMap(result) {
  await map.show(result.page ?? null, result.extraction, { chars: result.chars });
}

/** "Draw it anyway": fetch the page text the worker did not send back, and draw it. */
async function drawBigMap() {
  const { result, source } = state;
  if (!result || !source || state.running) return;
  setState('running');
  showProgress(true);
  try {
    const reply = await runEngine('page', source);
    if (result !== state.result) return;
    stage({ stage: 'render' });
    await map.show(reply.page, result.extraction, { force: true });
    setState('done');
  } catch (error) {
    status(error instanceof Cancelled ? 'Cancelled.' : String(error?.message ?? error), { error: !(error instanceof Cancelled) });
    setState(error instanceof Cancelled ? 'cancelled' : 'error');
  } finally {
    showProgress(false);
  }
}

let readerView = null;

/** The reader view: the extension's own frame/reader.js and reader.css. */
async function drawReader(result, { force = state.forceReader } = {}) {
  const hostEl = $('reader-host');
  const { extraction, exports } = result;
  let article = extraction.article;
  if (article && article.html == null) {
    if (!force) {
      const note = document.createElement('div');
      note.className = 'empty';
      const p = document.createElement('p');
      p.textContent = `The article is ${fmtBytes(article.html_chars)} of HTML: laying it out would keep this tab busy for a while. The exports have all of it.`;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Show it anyway';
      button.addEventListener('click', () => drawReader(result, { force: true }));
      note.append(p, button);
      hostEl.replaceChildren(note);
      return;
    }
    article = { ...article, html: new TextDecoder().decode(article.html_bytes) };
  }
  const offline = article ? offlineArticle(article.html) : null;
  const shown = {
    ...extraction,
    // No lead image: the playground fetches nothing from other sites. (The
    // reader falls back to document.title, which here is the playground's.)
    metadata: { ...extraction.metadata, lead_image: undefined, title: extraction.metadata?.title || 'Untitled page' },
    article: article ? { ...article, html: offline.html } : article,
  };
  let view;
  const actions = {
    close: () => {}, // Close is hidden; Escape in the reader stays in the reader
    declutter: () => selectTab('tab-map', { focus: true }),
    copy: async () => view.setStatus(exports.text && await copy(textOf(exports.text)) ? t('statusCopied') : t('statusCopyFailed')),
    download: (ext) => {
      const file = exports[{ txt: 'text', md: 'markdown', html: 'html' }[ext]];
      if (!file) return;
      download(file, ext);
      view.setStatus(t('statusDownloaded', [file.name]));
    },
    showAnyway: () => {
      state.forceReader = true;
      drawReader(result, { force: true }).then(() => readerView?.focus());
    },
  };
  view = await buildReader(shown, actions, { force: force || state.forceReader });
  if (result !== state.result) return;
  // In the extension the view is a full-page dialog; here it is one panel of the page.
  view.root.setAttribute('role', 'region');
  view.root.removeAttribute('aria-modal');
  view.root.style.minHeight = '0';
  // No page to go back to: the playground has no Close.
  for (const button of view.root.querySelectorAll('[data-action="close"]')) {
    const group = button.closest('.group');
    const hidden = group && group.children.length === 1 ? group : button;
    hidden.style.display = 'none';
    if (hidden === group && group.nextElementSibling) group.nextElementSibling.style.borderInlineStart = 'none';
  }
  if (offline?.images) view.setStatus(`${offline.images} image${offline.images === 1 ? '' : 's'} from the web shown as placeholder${offline.images === 1 ? '' : 's'}.`);
  readerView = view;
  hostEl.replaceChildren(view.host);
}


/** An export's text (it arrives as UTF-8 bytes). */
const textOf = (file) => new TextDecoder().decode(file.bytes);

/** The start of an export, at most `chars` characters, and whether that is all of it. */
function previewOf(file, chars) {
  if (file.bytes.byteLength <= chars) return { text: textOf(file), all: true };
  const text = new TextDecoder().decode(new Uint8Array(file.bytes, 0, chars * 2)).replace(/\ufffd$/, '');
  return text.length > chars ? { text: text.slice(0, chars), all: false } : { text, all: false };
}

// Saving and copying are the reader frame's own (extension/frame/exports.js).
const download = (file, ext) => save({ body: file.bytes, name: file.name }, ext);

function drawExports(result) {
  const box = $('exports');
  if (!result.extraction.article) {
    box.replaceChildren(Object.assign(document.createElement('p'), { className: 'empty', textContent: 'No article, so nothing to export.' }));
    return;
  }
  const formats = [
    ['text', 'txt', 'Plain text'],
    ['markdown', 'md', 'Markdown'],
    ['html', 'html', 'HTML'],
  ];
  box.replaceChildren(...formats.map(([format, ext, title]) => {
    const file = result.exports[format];
    const card = document.createElement('section');
    card.className = 'export';
    card.id = `export-${ext}`;
    card.dataset.format = format;
    card.setAttribute('aria-labelledby', `export-${ext}-h`);
    const head = document.createElement('div');
    head.className = 'export-head';
    const h = Object.assign(document.createElement('h3'), { id: `export-${ext}-h`, textContent: title });
    const name = Object.assign(document.createElement('code'), { className: 'file-name', textContent: file.name });
    const size = Object.assign(document.createElement('span'), { className: 'muted', textContent: fmtBytes(file.bytes.byteLength) });
    const note = Object.assign(document.createElement('span'), { className: 'copied', role: 'status' });
    note.setAttribute('aria-live', 'polite');
    const copyButton = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Copy' });
    copyButton.dataset.action = 'copy';
    copyButton.setAttribute('aria-label', `Copy ${title}`);
    copyButton.addEventListener('click', async () => {
      note.textContent = (await copy(textOf(file))) ? 'Copied' : 'Could not copy';
      setTimeout(() => { note.textContent = ''; }, 2500);
    });
    const downloadButton = Object.assign(document.createElement('button'), { type: 'button', textContent: `Download .${ext}` });
    downloadButton.dataset.action = 'download';
    downloadButton.addEventListener('click', () => download(file, ext));
    const actions = document.createElement('span');
    actions.className = 'actions';
    actions.append(note, copyButton, downloadButton);
    head.append(h, name, size, actions);
    const pre = document.createElement('pre');
    pre.tabIndex = 0;
    pre.setAttribute('aria-label', `${title} export`);
    const preview = previewOf(file, PREVIEW_CHARS);
    pre.textContent = preview.all ? preview.text : `${preview.text}\n…`;
    card.append(head, pre);
    if (!preview.all) {
      card.append(Object.assign(document.createElement('p'), { className: 'hint', textContent: `Showing the start; copy and download have all ${fmtBytes(file.bytes.byteLength)}.` }));
    }
    return card;
  }));
}

// ------------------------------------------------------------------- tabs

const TABS = ['tab-map', 'tab-reader', 'tab-export'];

function selectTab(id, { focus = false } = {}) {
  for (const tabId of TABS) {
    const tab = $(tabId);
    const on = tabId === id;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    $(tab.getAttribute('aria-controls')).hidden = !on;
  }
  if (focus) $(id).focus();
  if (id === 'tab-map') map.layout();
}

function wireTabs() {
  for (const id of TABS) {
    $(id).addEventListener('click', () => selectTab(id));
    $(id).addEventListener('keydown', (event) => {
      const i = TABS.indexOf(id);
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      selectTab(TABS[(next + TABS.length) % TABS.length], { focus: true });
    });
  }
}

// ------------------------------------------------------------------ input

function sampleById(id) {
  return state.samples.find((s) => s.id === id);
}

// The page address a sample filled in; the user's own page (opened,
// pasted or dropped) must not inherit it, so its exports do not name the
// sample's site. An address the user typed is kept.
let sampleUrl = null;

/** The address for the user's own page: what they typed, never the sample's. */
function ownPageUrl() {
  if (sampleUrl !== null && $('url').value.trim() === sampleUrl) $('url').value = '';
  sampleUrl = null;
  return $('url').value.trim();
}

async function loadSample(id) {
  const sample = sampleById(id);
  if (!sample) return;
  $('url').value = sample.url ?? '';
  sampleUrl = $('url').value.trim();
  const t0 = now();
  let bytes;
  try {
    const response = await fetch(`samples/${sample.file}`);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    bytes = await response.arrayBuffer();
  } catch (error) {
    status(`Could not load the sample ${sample.label}: ${error.message}`, { error: true });
    setState('error');
    return;
  }
  await run({ bytes, read: now() - t0, name: sample.label, url: sample.url ?? '' });
}

function wireInput() {
  $('load-sample').addEventListener('click', () => loadSample($('sample').value));
  $('open-file').addEventListener('click', () => $('file').click());
  $('file').addEventListener('change', () => {
    const file = $('file').files?.[0];
    if (file) run({ file, name: file.name, url: ownPageUrl() });
    $('file').value = '';
  });

  const paste = $('paste');
  const runPasted = () => {
    if (!paste.value.trim()) {
      status('Paste some HTML first.', { error: true });
      paste.focus();
      return;
    }
    run({ html: paste.value, name: 'Pasted HTML', url: ownPageUrl() });
  };
  paste.addEventListener('paste', (event) => {
    const text = event.clipboardData?.getData('text/plain') || event.clipboardData?.getData('text/html') || '';
    if (!text) return;
    event.preventDefault();
    paste.setRangeText(text, paste.selectionStart, paste.selectionEnd, 'end');
    runPasted();
  });
  paste.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      runPasted();
    }
  });
  $('extract').addEventListener('click', runPasted);
  $('url').addEventListener('input', () => { sampleUrl = null; });
  $('url').addEventListener('change', rerun);
  $('cancel').addEventListener('click', cancel);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && document.documentElement.dataset.state === 'running') {
      event.preventDefault();
      cancel();
    }
  });

  // Drag and drop: a file, or HTML/text dragged from another page.
  const overlay = $('drop-overlay');
  let depth = 0;
  const carries = (event) => [...(event.dataTransfer?.types ?? [])].some((type) => type === 'Files' || type === 'text/html' || type === 'text/plain');
  document.addEventListener('dragenter', (event) => {
    if (!carries(event)) return;
    event.preventDefault();
    depth++;
    overlay.hidden = false;
  });
  document.addEventListener('dragover', (event) => {
    if (!carries(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) overlay.hidden = true;
  });
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const file = event.dataTransfer?.files?.[0];
    if (file) {
      run({ file, name: file.name, url: ownPageUrl() });
      return;
    }
    const html = event.dataTransfer?.getData('text/html') || event.dataTransfer?.getData('text/plain');
    if (html) run({ html, name: 'Dropped HTML', url: ownPageUrl() });
  });
}

// ------------------------------------------------------------------- start

async function fetchJson(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function showBuildInfo() {
  const info = state.buildInfo;
  const parts = [];
  if (state.engine) parts.push(`core ${state.engine.version}`);
  if (info?.wasm) parts.push(`wasm ${fmtBytes(info.wasm.raw)} (${fmtBytes(info.wasm.gzip)} gzipped)`);
  if (state.engine) parts.push(`engine started in ${fmtMs(state.engine.init)}`);
  const el = $('build-info');
  el.textContent = parts.join(' · ');
  if (info?.wasm) {
    el.dataset.wasmRaw = String(info.wasm.raw);
    el.dataset.wasmGzip = String(info.wasm.gzip);
  }
}

async function start() {
  wireTabs();
  wireInput();
  startWorker();
  const [messages, buildInfo, samples] = await Promise.all([
    fetchJson('ext/messages.json'),
    fetchJson('build-info.json'),
    fetchJson('samples/index.json'),
  ]);
  setMessages(messages, OVERRIDES);
  state.kinds = Object.keys(messages).filter((key) => key.startsWith('kind_')).map((key) => key.slice(5));
  state.buildInfo = buildInfo;
  state.samples = samples;
  $('sample').replaceChildren(...samples.map((s) => Object.assign(document.createElement('option'), { value: s.id, textContent: s.label })));
  showBuildInfo();
  try {
    state.engine = await engineReady;
  } catch (error) {
    status(String(error.message), { error: true });
    setState('error');
    return;
  }
  showBuildInfo();
  setState('idle');
  status('Ready.');
  if (samples.length) await loadSample(samples[0].id);
}

start().catch((error) => {
  status(`The playground did not start: ${error.message}`, { error: true });
  setState('error');
});
