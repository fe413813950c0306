// Listen: the reader reads the article aloud with the browser's own speech
// (speechSynthesis, the system's voices: no network). The core split the
// article into sentences (Article.sentences: [block, start, end], a block
// of the article's HTML and a UTF-16 range of its text; title_sentences
// likewise for the title); this file only speaks them one by one
// and highlights the one being read. reader.js builds the controls into
// its toolbar; main.js stops speech when the reader closes.
import { api } from '../shared/platform.js';
import { t } from '../shared/words.js';

const RATES = [0.75, 1, 1.25, 1.5, 1.75, 2];
const HIGHLIGHT = 'declutter-speech';
// Browsers fill their voice list a while after the first call (Firefox
// with speech-dispatcher: seconds); no list by then means no voice.
const VOICE_WAIT_MS = 5000;
// A user's own scrolling pauses the follow-the-highlight scrolling.
const USER_SCROLL_MS = 4000;

/** The speech engine this script's world sees (read when used, not before). */
const speech = () => {
  const synth = globalThis.speechSynthesis;
  const Utterance = globalThis.SpeechSynthesisUtterance;
  return synth && Utterance ? { synth, Utterance } : null;
};

const primary = (lang) => String(lang ?? '').toLowerCase().split(/[-_]/)[0];

async function loadPrefs() {
  try {
    const { listen = {} } = await api.storage.sync.get('listen');
    return { rate: 1, voices: {}, ...listen };
  } catch {
    return { rate: 1, voices: {} };
  }
}

/**
 * A small icon drawn by CSS (reader.css `.icon-*`): no font has every
 * media symbol, and the reader holds no SVG.
 */
function icon(name) {
  const span = document.createElement('span');
  span.className = `icon icon-${name}`;
  span.setAttribute('aria-hidden', 'true');
  return span;
}

/** A DOM Range over [start, end) of `block`'s textContent (UTF-16). */
export function rangeIn(block, start, end) {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let at = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.data.length;
    if (!started && start < at + length) {
      range.setStart(node, start - at);
      started = true;
    }
    if (started && end <= at + length) {
      range.setEnd(node, end - at);
      return range;
    }
    at += length;
  }
  return null;
}

/**
 * The Listen controls for one reader view. `title`: the h1 showing
 * `extraction.metadata.title`; `content`: the element holding the
 * article's HTML; `setStatus`: the reader's status line (aria-live).
 * Returns {group, key(event), stop()}, or null when there is nothing to read.
 */
export function create({ root, title, content, extraction, setStatus, button, el }) {
  const article = extraction.article ?? {};
  const meta = extraction.metadata ?? {};
  const blocks = [content, ...content.querySelectorAll('*')];
  const items = []; // {block, start, end}
  if (title && meta.title && title.textContent === meta.title) {
    for (const [, start, end] of article.title_sentences ?? []) items.push({ block: title, start, end });
  }
  for (const [block, start, end] of article.sentences ?? []) {
    if (blocks[block]) items.push({ block: blocks[block], start, end });
  }
  if (!items.length) return null;
  const firstOf = new Map();
  items.forEach((item, i) => { if (!firstOf.has(item.block)) firstOf.set(item.block, i); });
  const lang = meta.language || document.documentElement.lang || navigator.language || '';

  let state = 'idle'; // 'playing' | 'paused'
  let index = 0;
  let generation = 0; // bumped on every speak and stop: stale events are ignored
  let current = null; // the utterance being spoken (Chrome drops events of unreferenced ones)
  let spoke = false; // cancel only speech we started
  let voices = [];
  let voice = null;
  let prefs = { rate: 1, voices: {} };
  let userScrolledAt = -Infinity;
  let speakingBlock = null;
  let unlisted = false; // the engine listed no voice
  let heard = false; // the engine has started an utterance

  const play = button(t('listen'), () => toggle(), {
    'data-action': 'listen', title: t('listenHint'), 'aria-keyshortcuts': 'N', class: 'listen',
  });
  const previous = button(icon('previous'), () => step(-1), {
    'data-action': 'listen-previous', 'aria-label': t('listenPrevious'), title: t('listenPreviousHint'), hidden: true,
  });
  const next = button(icon('next'), () => step(+1), {
    'data-action': 'listen-next', 'aria-label': t('listenNext'), title: t('listenNextHint'), hidden: true,
  });
  const stopButton = button(icon('stop'), () => stop({ announce: true }), {
    'data-action': 'listen-stop', 'aria-label': t('listenStop'), title: t('listenStop'), hidden: true,
  });
  const rateSelect = el('select', { 'data-action': 'listen-rate', 'aria-label': t('listenSpeed'), title: t('listenSpeed'), hidden: true });
  for (const rate of RATES) rateSelect.append(el('option', { value: String(rate), text: `${rate}×` }));
  const voiceSelect = el('select', { 'data-action': 'listen-voice', 'aria-label': t('listenVoice'), title: t('listenVoice'), hidden: true });
  const group = el('span', { class: 'group listen-group', role: 'group', 'aria-label': t('listenGroup') },
    play, previous, next, stopButton, rateSelect, voiceSelect);

  rateSelect.addEventListener('change', () => {
    prefs.rate = Number(rateSelect.value) || 1;
    save();
    if (state === 'playing') speakAt(index);
  });
  voiceSelect.addEventListener('change', () => {
    voice = voices.find((v) => v.voiceURI === voiceSelect.value) ?? voice;
    if (voice) prefs.voices = { ...prefs.voices, [primary(lang) || '*']: voice.voiceURI };
    save();
    if (state === 'playing') speakAt(index);
  });
  // Click a paragraph while listening: read from there.
  content.addEventListener('click', (event) => {
    if (state === 'idle' || event.target.closest?.('a, button, select')) return;
    const selection = root.getRootNode().getSelection?.() ?? document.getSelection();
    if (selection && !selection.isCollapsed) return;
    for (let node = event.target; node && node !== root; node = node.parentNode) {
      if (firstOf.has(node)) {
        speakAt(firstOf.get(node));
        return;
      }
    }
  });
  if (title) title.addEventListener('click', () => { if (state !== 'idle' && firstOf.has(title)) speakAt(firstOf.get(title)); });
  const onUserScroll = () => { userScrolledAt = performance.now(); };
  const onPageHide = () => stop();

  function save() {
    api.storage.sync.set({ listen: prefs })?.catch?.(() => {});
  }

  function render() {
    const active = state !== 'idle';
    for (const control of [previous, next, stopButton, rateSelect, voiceSelect]) control.hidden = !active;
    voiceSelect.hidden = !active || voices.length < 2;
    play.textContent = t(state === 'playing' ? 'listenPause' : state === 'paused' ? 'listenResume' : 'listen');
    play.dataset.state = state; // (the label says what a press does: no aria-pressed)
    previous.disabled = index <= 0;
    next.disabled = index >= items.length - 1;
    root.dataset.listening = state;
  }

  /** The voices for the article's language (all of them when none is), best first. */
  async function loadVoices(synth) {
    let list = synth.getVoices?.() ?? [];
    if (!list.length) {
      setStatus(t('listenLoadingVoices'));
      list = await new Promise((resolve) => {
        const done = () => resolve(synth.getVoices?.() ?? []);
        synth.addEventListener?.('voiceschanged', done, { once: true });
        setTimeout(done, VOICE_WAIT_MS);
      });
    }
    const want = primary(lang);
    const matching = list.filter((v) => primary(v.lang) === want);
    const exact = (v) => String(v.lang).toLowerCase().replace('_', '-') === String(lang).toLowerCase();
    const rank = (v) => (exact(v) ? 0 : 2) + (v.default ? 0 : 1) + (v.localService === false ? 4 : 0);
    const chosen = (matching.length ? matching : list).slice().sort((a, b) => rank(a) - rank(b));
    return { all: list, chosen, matched: matching.length > 0 };
  }

  let starting = false;
  async function start() {
    if (starting) return;
    starting = true;
    try {
      await begin();
    } finally {
      starting = false;
    }
  }

  async function begin() {
    const engine = speech();
    if (!engine) {
      setStatus(t('listenUnavailable'));
      return;
    }
    prefs = await loadPrefs();
    const found = await loadVoices(engine.synth);
    if (!root.isConnected) return;
    // No voice listed: speak with the engine's default all the same
    // (Chromium on Linux lists none from speech-dispatcher, yet speaks);
    // an engine with no voice at all fails the first sentence, and that
    // is when the user is told.
    unlisted = !found.all.length;
    voices = found.chosen;
    const saved = prefs.voices?.[primary(lang) || '*'];
    voice = voices.find((v) => v.voiceURI === saved) ?? voices[0] ?? null;
    voiceSelect.replaceChildren(...voices.map((v) => el('option', { value: v.voiceURI, text: v.lang ? `${v.name} (${v.lang})` : v.name })));
    if (voice) voiceSelect.value = voice.voiceURI;
    rateSelect.value = String(RATES.includes(Number(prefs.rate)) ? Number(prefs.rate) : 1);
    if (voice && !found.matched && lang) setStatus(t('listenOtherLanguage', [lang, voice.name]));
    else setStatus('');
    window.addEventListener('wheel', onUserScroll, { passive: true });
    window.addEventListener('touchmove', onUserScroll, { passive: true });
    window.addEventListener('pagehide', onPageHide);
    speakAt(index);
  }

  function speakAt(i) {
    const engine = speech();
    if (!engine || !root.isConnected) {
      stop();
      return;
    }
    index = Math.max(0, Math.min(items.length - 1, i));
    state = 'playing';
    const mine = ++generation;
    const { synth, Utterance } = engine;
    if (spoke) synth.cancel();
    show();
    const item = items[index];
    const text = rangeIn(item.block, item.start, item.end)?.toString() ?? '';
    const utterance = new Utterance(text);
    utterance.lang = lang;
    if (voice) utterance.voice = voice;
    utterance.rate = Number(rateSelect.value) || 1;
    utterance.onend = () => {
      if (mine !== generation) return;
      if (index + 1 < items.length) speakAt(index + 1);
      else finish();
    };
    utterance.onstart = () => { heard = true; };
    utterance.onerror = (event) => {
      if (mine !== generation || event?.error === 'interrupted' || event?.error === 'canceled') return;
      stop();
      if (unlisted && !heard) {
        setStatus(t('listenNoVoice'));
        play.title = t('listenNoVoice');
      } else {
        setStatus(t('listenFailed', [String(event?.error ?? '')]));
      }
    };
    current = utterance;
    render();
    if (!text.trim()) {
      // Nothing to say here (the reader's DOM differs from the core's
      // view of it): go on, after this turn.
      setTimeout(() => utterance.onend(), 0);
      return;
    }
    spoke = true;
    synth.speak(utterance);
  }

  /** Highlight the current sentence and keep it in view. */
  function show() {
    const item = items[index];
    const range = rangeIn(item.block, item.start, item.end);
    if (speakingBlock !== item.block) {
      speakingBlock?.removeAttribute('data-speaking');
      speakingBlock = item.block;
      speakingBlock.setAttribute('data-speaking', '');
    }
    try {
      if (range && globalThis.Highlight && globalThis.CSS?.highlights) CSS.highlights.set(HIGHLIGHT, new Highlight(range));
    } catch {
      // no Highlight API: the block's mark alone
    }
    if (!range || performance.now() - userScrolledAt < USER_SCROLL_MS) return;
    const rect = range.getBoundingClientRect();
    const bar = root.querySelector('.toolbar')?.getBoundingClientRect().bottom ?? 0;
    if (rect.top < bar + 8 || rect.bottom > window.innerHeight - 16) {
      const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      window.scrollBy({ top: rect.top - bar - (window.innerHeight - bar) / 3, behavior: smooth ? 'smooth' : 'instant' });
    }
  }

  function clearHighlight() {
    try {
      CSS.highlights?.delete(HIGHLIGHT);
    } catch {
      // none
    }
    speakingBlock?.removeAttribute('data-speaking');
    speakingBlock = null;
  }

  function pause() {
    // Pause is a cancel kept at the sentence: engines' own pause() is
    // unreliable (Chrome on Linux, remote voices); resume starts the
    // sentence again.
    generation++;
    state = 'paused';
    if (spoke) speech()?.synth.cancel();
    render();
  }

  function toggle() {
    if (state === 'playing') pause();
    else if (state === 'paused') speakAt(index);
    else start();
  }

  function step(delta) {
    if (state === 'idle') return;
    const to = Math.max(0, Math.min(items.length - 1, index + delta));
    if (state === 'playing') speakAt(to);
    else {
      index = to;
      show();
      render();
    }
  }

  function finish() {
    stop();
    index = 0;
    setStatus(t('listenDone'));
  }

  function stop({ announce = false } = {}) {
    generation++;
    const was = state;
    state = 'idle';
    current = null;
    if (spoke) speech()?.synth.cancel();
    clearHighlight();
    window.removeEventListener('wheel', onUserScroll);
    window.removeEventListener('touchmove', onUserScroll);
    window.removeEventListener('pagehide', onPageHide);
    render();
    if (announce && was !== 'idle') {
      index = 0; // Stop starts over; Pause keeps the place
      render();
      setStatus(t('listenStopped'));
    }
  }

  /** The reader's keys: N listen/pause; ← → previous/next sentence while listening. */
  function key(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return false;
    if (event.target?.closest?.('select, input, textarea')) return false;
    if (event.key === 'n' || event.key === 'N') {
      toggle();
      return true;
    }
    if (state !== 'idle' && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      step(event.key === 'ArrowLeft' ? -1 : +1);
      return true;
    }
    return false;
  }

  render();
  return { group, key, stop: () => stop(), get state() { return state; }, get index() { return index; } };
}
