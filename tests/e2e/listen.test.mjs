// Listen (read aloud) in the reader, the same scenarios in real headless
// Chromium and Firefox ESR with the built packages (drivers: lib/drivers.mjs).
//
// A recording speechSynthesis stand-in is installed in the reader frame's
// own document (the reader's code runs there, an extension page the page's
// scripts cannot reach), through the browser's own protocol
// (driver.inFrame). It replaces `speechSynthesis` and
// `SpeechSynthesisUtterance`, logs every call, "speaks" an utterance until
// the test ends it (or at once, in auto mode), and reports cancelled
// utterances as ended afterwards, as engines do. Its log is kept in the
// frame (data-test-speech) and mirrored to the page by the test's own
// postMessage, to be read after the reader (and its frame) closed; DOM
// events in the frame drive it. Controls are pressed with real clicks and
// keys (the reader takes no synthetic events).
//
// Checked: the sentences are spoken in order (the core's split: "Dr.",
// "9.30", "Mr." hold), the highlight follows (CSS highlight and the block's
// mark), pause / resume / next / previous / speed / voice (filtered to the
// article's language, remembered), a click on a paragraph starts there,
// the N shortcut, Escape and closing stop speech and nothing is spoken
// after, the strict-CSP page, and the no-voice message.
//
// And a real engine: both browsers speak through Debian's speech-dispatcher
// with espeak-ng (installed by scripts/setup.sh). The test starts its own
// speech-dispatcher (its own socket, SPEECHD_ADDRESS for Firefox, ALSA
// writing the audio to a file, since the machine has no sound card) and
// checks that the Newsmax fixture's first sentence reached the engine
// (speech-dispatcher's log of the text it was sent), that audio came out,
// and that the engine's own end-of-utterance events moved the reader on.
//
//   scripts/build-extension.sh
//   node --test tests/e2e/listen.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startProxy, startServer } from './lib/server.mjs';
import { CHROME_DIST, CHROMIUM, ROOT } from './lib/chromium.mjs';
import { firefoxMissing, FIREFOX_ZIP } from './lib/firefox.mjs';
import { chromiumDriver, firefoxDriver, waitFor, waitInFrame } from './lib/drivers.mjs';

const ARTIFACTS = join(ROOT, 'test-artifacts');
const HEADLINE = 'Harbour bridge reopens after repairs';
// Each paragraph's sentences as the core splits them.
const SENTENCES = [
  ['Dr. Ana Lima opened the old swing bridge at 9.30 on Thursday morning.', 'Cyclists, ferry passengers and delivery drivers crossed it again before the rush had even begun.'],
  ['The repairs took eighteen months and cost 4.5 million euros, the harbour authority said.', '“It was worth every cent,” said Mr. Weber, who has run the kiosk by the bridge since 1998.'],
  ['Engineers replaced the rusted gears under the deck and fitted new steel cables.', 'The deck itself was lifted out by crane, cleaned and painted in its original green.'],
  ['Ferry traffic was diverted to the north quay while the work went on.', 'Several shops near the bridge lost customers, and the city paid them a small monthly grant.'],
  ['The bridge opens twice an hour in summer to let sailing boats through.', 'A new sign at each end shows when the next opening is due, to the minute.'],
  ['The authority will hold an open day next month.', 'Visitors can see the machine room and ride across in the old control cabin.'],
];
// The article's own h1 is read first (the header's title is not read twice).
const SPOKEN = [HEADLINE, ...SENTENCES.flat()];
const PAGE = `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>${HEADLINE} — The Daily Example</title></head>
<body><article class="story"><h1>${HEADLINE}</h1>
${SENTENCES.map((s) => `<p>${s.join(' ')}</p>`).join('\n')}
</article></body></html>`;

const VOICES = [
  { name: 'Anna (German)', lang: 'de-DE' },
  { name: 'Ava (US English)', lang: 'en-US', default: true },
  { name: 'Oliver (British English)', lang: 'en-GB' },
  { name: 'Amélie (French)', lang: 'fr-FR' },
];

function routes(path) {
  if (path === '/listen/') return { html: PAGE };
  if (path === '/listen-csp/') return { html: PAGE, headers: { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" } };
  return null;
}

// ------------------------------------------------- in the reader frame

/** The recording stand-in (sent as source: uses only its argument and globals). */
function installSpeechStandIn(voiceList) {
  const log = [];
  const queue = [];
  let current = null;
  let auto = false;
  const voices = voiceList.map((v) => ({ default: false, localService: true, voiceURI: `test:${v.name}`, ...v }));
  const publish = () => {
    document.documentElement.dataset.testSpeech = JSON.stringify(log);
    parent.postMessage({ declutterTestSpeech: log }, '*');
    // Kept in the frame's own storage too, written before this call
    // returns: a postMessage still in flight when the frame is removed may
    // be dropped, so a closed reader's last words are read from here by
    // the next reader frame (storedSpeechLog).
    localStorage.setItem('declutterTestSpeech', JSON.stringify(log));
  };
  const fire = (u, type, error) => {
    try {
      u[`on${type}`]?.({ type, utterance: u, error });
    } catch (e) {
      log.push({ type: 'handler-error', message: String(e) });
      publish();
    }
  };
  const end = (u = current) => {
    if (!u || u !== current) return;
    current = null;
    fire(u, 'end');
    pump();
  };
  function pump() {
    if (current || !queue.length) return;
    const u = (current = queue.shift());
    setTimeout(() => {
      if (current !== u) return;
      fire(u, 'start');
      if (auto) setTimeout(() => end(u), 5);
    }, 0);
  }
  class Utterance {
    constructor(text) {
      Object.assign(this, { text: String(text ?? ''), lang: '', rate: 1, pitch: 1, volume: 1, voice: null, onstart: null, onend: null, onerror: null });
    }
  }
  const synth = {
    get speaking() { return !!current; },
    get pending() { return queue.length > 0; },
    paused: false,
    getVoices: () => voices.slice(),
    addEventListener() {},
    removeEventListener() {},
    speak(u) {
      log.push({ type: 'speak', text: u.text, rate: u.rate, voice: u.voice?.name ?? null, lang: u.lang });
      publish();
      // No voice installed: the engine fails the utterance (Chromium's
      // "synthesis-failed" with no speech-dispatcher to reach).
      if (!voices.length) {
        setTimeout(() => fire(u, 'error', 'synthesis-failed'), 10);
        return;
      }
      queue.push(u);
      pump();
    },
    cancel() {
      log.push({ type: 'cancel' });
      publish();
      const gone = [current, ...queue].filter(Boolean);
      current = null;
      queue.length = 0;
      // Engines report a cut utterance afterwards: a stale "end" must not
      // make the reader go on.
      for (const u of gone) setTimeout(() => fire(u, 'end'), 30);
    },
    pause() { log.push({ type: 'pause' }); publish(); },
    resume() { log.push({ type: 'resume' }); publish(); },
  };
  document.addEventListener('test-speech-end', () => end());
  document.addEventListener('test-speech-auto', () => { auto = true; end(); });
  document.addEventListener('test-speech-manual', () => { auto = false; });
  // On `window`: WebDriver runs this in Firefox in a sandbox whose own
  // globalThis is not the frame's window (the reader's code reads the window's).
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true, writable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true, writable: true });
  publish();
  return window.speechSynthesis === synth;
}

// ------------------------------------------------------ page functions

/** In the page: keep the stand-in's log the frame posts (read once the frame is gone). */
function mirrorSpeechLog() {
  window.addEventListener('message', (event) => {
    if (event.data?.declutterTestSpeech) document.documentElement.dataset.testSpeech = JSON.stringify(event.data.declutterTestSpeech);
  });
  return true;
}

/** The log the last reader frame stored before it went (in a new reader frame). */
function storedSpeechLog() {
  return JSON.parse(localStorage.getItem('declutterTestSpeech') ?? '[]');
}

/** In the reader frame (or, once it is gone, the page): what the user sees and what was said. */
function listenState() {
  const root = document.querySelector('declutter-reader')?.shadowRoot;
  const log = JSON.parse(document.documentElement.dataset.testSpeech ?? '[]');
  const highlight = globalThis.CSS?.highlights?.get('declutter-speech');
  const ranges = highlight ? Array.from(highlight) : [];
  const q = (s) => root?.querySelector(s);
  return {
    reader: !!root?.querySelector('article'),
    log,
    spoken: log.filter((e) => e.type === 'speak').map((e) => e.text),
    highlight: ranges.map((r) => r.toString()),
    marked: Array.from(root?.querySelectorAll('[data-speaking]') ?? []).map((e) => e.textContent.replace(/\s+/g, ' ').trim()),
    state: q('.root')?.dataset.listening ?? null,
    button: q('[data-action="listen"]')?.textContent ?? null,
    buttonTitle: q('[data-action="listen"]')?.title ?? null,
    shortcut: q('[data-action="listen"]')?.getAttribute('aria-keyshortcuts') ?? null,
    status: q('.status')?.textContent ?? '',
    controlsShown: !!q('[data-action="listen-next"]') && !q('[data-action="listen-next"]').hidden,
    voices: Array.from(root?.querySelectorAll('[data-action="listen-voice"] option') ?? []).map((o) => o.textContent),
    voice: q('[data-action="listen-voice"]')?.value ?? null,
    rate: q('[data-action="listen-rate"]')?.value ?? null,
    labels: Array.from(root?.querySelectorAll('.listen-group button, .listen-group select') ?? []).map((b) => b.getAttribute('aria-label') ?? b.textContent),
    highlightColor: (() => {
      const mark = root?.querySelector('[data-speaking]');
      return mark ? getComputedStyle(mark).backgroundColor : null;
    })(),
  };
}

/** In the reader frame: choose an option of a select (its change event). */
function choose({ action, value }) {
  const select = document.querySelector('declutter-reader').shadowRoot.querySelector(`[data-action="${action}"]`);
  select.value = value;
  select.dispatchEvent(new Event('change'));
  return select.value;
}

/** In the reader frame: mark the paragraph `i` for a real click. */
function markParagraph(i) {
  const root = document.querySelector('declutter-reader').shadowRoot;
  for (const p of root.querySelectorAll('[data-test-click]')) p.removeAttribute('data-test-click');
  root.querySelectorAll('.content p')[i].setAttribute('data-test-click', '');
  return true;
}

/** In the reader frame: drive the stand-in. */
function speechEvent(name) {
  document.dispatchEvent(new Event(name));
  return true;
}

// ------------------------------------------------------------------ runs

const BROWSERS = [
  {
    name: 'Chromium',
    missing: () => (!existsSync(CHROMIUM) ? `no ${CHROMIUM}` : !existsSync(join(CHROME_DIST, 'manifest.json')) ? 'dist/chrome not built' : null),
    // Chromium on Linux speaks through speech-dispatcher only when told to.
    launch: (proxyPort, { realSpeech = false } = {}) => chromiumDriver({ proxyPort, args: realSpeech ? ['--enable-speech-dispatcher'] : [] }),
  },
  {
    name: 'Firefox',
    missing: () => firefoxMissing() ?? (!existsSync(FIREFOX_ZIP) ? 'dist/declutter-firefox.zip not built' : null),
    launch: (proxyPort) => firefoxDriver({ proxyPort }),
  },
];

for (const browser of BROWSERS) {
  describe(`Listen in ${browser.name}`, () => {
    let server;
    let proxy;
    let driver;

    before(async () => {
      const missing = browser.missing();
      assert.equal(missing, null, missing ?? '');
      server = await startServer({ routes });
      proxy = await startProxy();
      driver = await browser.launch(proxy.port);
    });

    after(async () => {
      await driver?.close();
      await server?.close();
      await proxy?.close();
    });

    // The frame's view while the reader is shown, else the log the page kept.
    const state = async () => (await driver.inFrame('reader', listenState)) ?? driver.evaluate(listenState);
    // Real clicks and keys in the reader frame.
    const press = (action) => driver.pressIn('reader', `[data-action="${action}"]`);
    const setTheme = (theme) => driver.pressIn('reader', `[data-theme-choice="${theme}"]`);
    const key = (k) => driver.keys(k);
    const clickParagraph = async (i) => {
      await driver.inFrame('reader', markParagraph, i);
      await driver.pressIn('reader', '[data-test-click]');
    };
    const until = async (test, what, timeout = 10_000) => {
      const start = Date.now();
      for (;;) {
        const s = await state();
        if (test(s)) return s;
        if (Date.now() - start > timeout) throw new Error(`${browser.name}: timed out waiting for ${what}: ${JSON.stringify({ spoken: s.spoken.slice(-3), highlight: s.highlight, state: s.state, status: s.status })}`);
        await sleep(40);
      }
    };
    const spokenCount = async () => (await state()).spoken.length;

    async function openReader(path, voices = VOICES) {
      await driver.open(server.origin + path);
      await driver.click();
      await waitInFrame(driver, 'reader', () => !!document.querySelector('declutter-reader')?.shadowRoot?.querySelector('article'), null, 'reader view');
      // Shown, and given the focus (keys pressed before that go to the page).
      await waitFor(driver, () => document.documentElement.hasAttribute('data-declutter-reader'), null, 'reader shown');
      // (Focus moves to the frame asynchronously.)
      await waitInFrame(driver, 'reader', () => document.hasFocus(), null, 'reader focused');
      await driver.evaluate(mirrorSpeechLog);
      assert.equal(await driver.inFrame('reader', installSpeechStandIn, voices), true, 'stand-in installed in the reader frame');
    }

    it('reads the article sentence by sentence, in order, the highlight following', async () => {
      await openReader('/listen/');
      let s = await state();
      assert.equal(s.state, 'idle');
      assert.equal(s.shortcut, 'N');
      assert.match(s.buttonTitle, /\(N\)/, 'the tooltip shows the shortcut');
      assert.equal(s.controlsShown, false, 'only Listen until listening');

      await press('listen');
      s = await until((x) => x.spoken.length === 1 && x.highlight.length === 1, 'the first sentence');
      assert.equal(s.spoken[0], SPOKEN[0]);
      assert.deepEqual(s.highlight, [SPOKEN[0]], 'the headline highlighted');
      assert.equal(s.state, 'playing');
      assert.equal(s.controlsShown, true);
      assert.deepEqual(s.voices, ['Oliver (British English) (en-GB)', 'Ava (US English) (en-US)'], 'English voices only, the page\'s en-GB first');
      assert.equal(s.log.find((e) => e.type === 'speak').voice, 'Oliver (British English)');
      assert.equal(s.log.find((e) => e.type === 'speak').lang, 'en-GB');
      for (const label of ['Previous sentence', 'Next sentence', 'Stop reading aloud', 'Reading speed', 'Voice']) assert.ok(s.labels.includes(label), `aria label ${label}: ${s.labels}`);

      for (let i = 1; i <= 3; i++) {
        await driver.inFrame('reader', speechEvent, 'test-speech-end');
        s = await until((x) => x.spoken.length === i + 1, `sentence ${i + 1}`);
        assert.equal(s.spoken[i], SPOKEN[i]);
        assert.deepEqual(s.highlight, [SPOKEN[i]], 'the highlight follows');
      }
      assert.deepEqual(s.marked, [SENTENCES[1].join(' ')], 'the paragraph being read is marked');

      // The rest on its own: every sentence once, in order, then done.
      await driver.inFrame('reader', speechEvent, 'test-speech-auto');
      s = await until((x) => x.state === 'idle', 'the end of the article', 20_000);
      assert.deepEqual(s.spoken, SPOKEN, 'all sentences, in order, once');
      assert.match(s.status, /Finished/);
      assert.deepEqual(s.highlight, [], 'no highlight left');
      assert.deepEqual(s.marked, []);
      await driver.inFrame('reader', speechEvent, 'test-speech-manual');
    });

    it('pause, resume, next, previous, speed and voice work; a click on a paragraph starts there', async () => {
      await openReader('/listen/');
      await key('n');
      let s = await until((x) => x.spoken.length === 1, 'N starts reading');
      assert.equal(s.spoken[0], SPOKEN[0]);

      await press('listen'); // pause
      s = await until((x) => x.state === 'paused', 'paused');
      assert.equal(s.log.at(-1).type, 'cancel', 'pause stops the voice');
      assert.match(s.button, /Resume/);
      assert.deepEqual(s.highlight, [SPOKEN[0]], 'the place is kept');
      await sleep(200); // the cancelled utterance reports its end: nothing follows
      assert.equal(await spokenCount(), 1, 'nothing spoken while paused');

      await press('listen'); // resume
      s = await until((x) => x.spoken.length === 2, 'resumed');
      assert.equal(s.spoken[1], SPOKEN[0], 'resume reads the sentence again');
      assert.match(s.button, /Pause/);

      await press('listen-next');
      s = await until((x) => x.spoken.length === 3, 'next');
      assert.equal(s.spoken[2], SPOKEN[1]);
      assert.deepEqual(s.highlight, [SPOKEN[1]]);
      await key('ArrowRight');
      s = await until((x) => x.spoken.length === 4, 'next by key');
      assert.equal(s.spoken[3], SPOKEN[2]);
      await press('listen-previous');
      s = await until((x) => x.spoken.length === 5, 'previous');
      assert.equal(s.spoken[4], SPOKEN[1]);
      assert.deepEqual(s.highlight, [SPOKEN[1]]);

      await driver.inFrame('reader', choose, { action: 'listen-rate', value: '1.5' });
      s = await until((x) => x.spoken.length === 6, 'speed');
      assert.equal(s.log.filter((e) => e.type === 'speak').at(-1).rate, 1.5, 'the new speed');
      assert.equal(s.spoken[5], SPOKEN[1], 'the sentence again at the new speed');

      await driver.inFrame('reader', choose, { action: 'listen-voice', value: 'test:Ava (US English)' });
      s = await until((x) => x.spoken.length === 7, 'voice');
      assert.equal(s.log.filter((e) => e.type === 'speak').at(-1).voice, 'Ava (US English)');

      await clickParagraph(3);
      s = await until((x) => x.spoken.length === 8, 'click on a paragraph');
      assert.equal(s.spoken[7], SENTENCES[3][0], 'reading starts at the clicked paragraph');
      assert.deepEqual(s.marked, [SENTENCES[3].join(' ')]);
      await sleep(200);
      assert.equal(await spokenCount(), 8, 'each jump speaks once: stale ends are ignored');

      // Speed and voice are remembered (the voice per language).
      await key('Escape');
      await openReader('/listen/');
      await press('listen');
      s = await until((x) => x.spoken.length === 1, 'reading again');
      assert.equal(s.rate, '1.5');
      assert.equal(s.log.find((e) => e.type === 'speak').rate, 1.5);
      assert.equal(s.log.find((e) => e.type === 'speak').voice, 'Ava (US English)');
      await driver.inFrame('reader', choose, { action: 'listen-rate', value: '1' });
      await press('listen-stop');
      s = await until((x) => x.state === 'idle', 'stopped');
      assert.equal(s.log.at(-1).type, 'cancel');
      assert.match(s.status, /Stopped/);
      assert.equal(s.controlsShown, false, 'the controls fold away');
      const before = s.spoken.length;
      await press('listen');
      s = await until((x) => x.spoken.length === before + 1, 'listening again');
      assert.equal(s.spoken.at(-1), SPOKEN[0], 'Stop starts over');
      await press('listen-stop');
    });

    it('Escape and closing the reader stop speech; nothing is spoken after', async () => {
      for (const how of ['escape', 'toolbar']) {
        await openReader('/listen/');
        await press('listen');
        await until((x) => x.spoken.length === 1, 'reading');
        await driver.inFrame('reader', speechEvent, 'test-speech-auto');
        await until((x) => x.spoken.length >= 3, 'reading on');
        if (how === 'escape') await key('Escape');
        else await driver.click();
        await waitFor(driver, () => !document.querySelector('declutter-reader'), null, 'reader closed');
        await sleep(400); // late "end" reports of the cut utterance
        assert.equal((await state()).highlight.length, 0, `${how}: no highlight left`);
        // What the closed frame stored, read in a new reader frame (the
        // page's copy comes by postMessage, which the frame's removal may
        // drop): speech was cancelled, and nothing spoken after that.
        await driver.click();
        await waitInFrame(driver, 'reader', () => !!document.querySelector('declutter-reader')?.shadowRoot?.querySelector('article'), null, 'reader view');
        const stored = await driver.inFrame('reader', storedSpeechLog);
        assert.ok(stored.filter((e) => e.type === 'speak').length >= 3, `${how}: the stored log is this run's`);
        assert.equal(stored.at(-1)?.type, 'cancel', `${how}: speech cancelled, nothing spoken after`);
        await driver.click();
        await waitFor(driver, () => !document.querySelector('declutter-reader'), null, 'reader closed again');
      }
    });

    it('works on a strict-CSP page and in the dark theme', async () => {
      await openReader('/listen-csp/');
      await setTheme('dark');
      await press('listen');
      await until((x) => x.spoken.length === 1, 'reading');
      await driver.inFrame('reader', speechEvent, 'test-speech-end');
      const s = await until((x) => x.spoken.length === 2, 'reading');
      assert.deepEqual(s.highlight, [SPOKEN[1]]);
      assert.equal(s.highlightColor, 'rgb(44, 42, 32)', 'the dark theme\'s mark');
      await press('listen-stop');
    });

    it('screenshots while reading, light and dark (test-artifacts/*-listen-*.png)', async () => {
      await openReader('/newsmax/');
      await setTheme('light');
      await press('listen');
      await until((x) => x.spoken.length === 1, 'the title');
      await driver.inFrame('reader', speechEvent, 'test-speech-end');
      await until((x) => x.spoken.length === 2, 'the first sentence');
      await driver.inFrame('reader', speechEvent, 'test-speech-end');
      let s = await until((x) => x.spoken.length === 3 && x.highlight.length === 1, 'the second sentence of the article');
      assert.equal(s.marked.length, 1, 'its paragraph marked');
      assert.ok(s.marked[0].includes(s.highlight[0]), 'the sentence inside its paragraph');
      assert.equal(s.highlightColor, 'rgb(255, 248, 214)', 'the light theme\'s mark');
      await sleep(600); // smooth scrolling to the sentence
      const prefix = browser.name.toLowerCase();
      mkdirSync(ARTIFACTS, { recursive: true });
      await driver.screenshot(join(ARTIFACTS, `${prefix}-listen-light.png`));
      await setTheme('dark');
      s = await state();
      assert.equal(s.highlightColor, 'rgb(44, 42, 32)');
      await sleep(100);
      await driver.screenshot(join(ARTIFACTS, `${prefix}-listen-dark.png`));
      await setTheme('sepia');
      assert.equal((await state()).highlightColor, 'rgb(237, 224, 187)', 'the sepia theme\'s mark');
      await setTheme('auto');
      await press('listen-stop');
    });

    it('says plainly when no voice is installed', async () => {
      await openReader('/listen/', []);
      await press('listen');
      const s = await until((x) => /No voice is installed/.test(x.status), 'the no-voice message', 8000);
      await sleep(200);
      assert.equal((await state()).spoken.length, 1, 'one try, then the message');
      assert.equal(s.state, 'idle');
      assert.match(s.buttonTitle, /No voice/);
      assert.deepEqual(await driver.errors(), [], 'no console errors from the extension');
    });
  });
}

// ------------------------------------------------------------ real engine

const NEWSMAX_FIRST = 'Russian President Vladimir Putin arrived in Kazakhstan on Wednesday for a two-day trip aimed at shoring up ties with his Central Asian ally as tensions mount over the Ukraine war.';

/** A speech-dispatcher of our own: config, socket, log and audio sink in a temp dir. */
async function startSpeechDispatcher() {
  const dir = mkdtempSync(join(tmpdir(), 'declutter-speechd-'));
  cpSync('/etc/speech-dispatcher', join(dir, 'conf'), { recursive: true });
  const conf = join(dir, 'conf', 'speechd.conf');
  writeFileSync(conf, `${readFileSync(conf, 'utf8')}\nAudioOutputMethod "alsa"\nDefaultModule espeak-ng\n`);
  // No sound card here: ALSA's default device writes the audio to a file.
  const audio = join(dir, 'audio.raw');
  writeFileSync(join(dir, 'asound.conf'), `</usr/share/alsa/alsa.conf>\npcm.!default { type file; slave.pcm "null"; file "${audio}"; format "raw" }\n`);
  const logDir = join(dir, 'log');
  mkdirSync(logDir);
  const socket = join(dir, 'speechd.sock');
  const child = spawn('speech-dispatcher', ['-s', '-t', '0', '-l', '5', '-C', join(dir, 'conf'), '-S', socket, '-L', logDir, '-P', join(dir, 'speechd.pid')], {
    env: { ...process.env, ALSA_CONFIG_PATH: join(dir, 'asound.conf') },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  for (let i = 0; i < 100 && !existsSync(socket); i++) await sleep(100);
  assert.ok(existsSync(socket), 'speech-dispatcher is listening');
  const log = () => {
    try {
      return readFileSync(join(logDir, 'speech-dispatcher.log'), 'utf8');
    } catch {
      return '';
    }
  };
  return {
    address: `unix_socket:${socket}`,
    /** The texts the engine was sent to speak, in order (not its SSIP commands). */
    said: () => Array.from(log().matchAll(/DATA:\|(.*)$/gm), (m) => m[1])
      // (Firefox sends SSML: its <speak> element shows as a line "speak".)
      .filter((t) => t !== '.' && t !== 'speak' && !/^(SET|LIST|SPEAK|STOP|CANCEL|PAUSE|RESUME|QUIT|HISTORY|BLOCK|CHAR|KEY|SOUND_ICON|GET|HELP)\b/.test(t)),
    audioBytes: () => (existsSync(audio) ? statSync(audio).size : 0),
    close() {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

for (const browser of BROWSERS) {
    describe(`Listen in ${browser.name} with a real engine (speech-dispatcher, espeak-ng)`, () => {
    let server;
    let proxy;
    let driver;
    let speechd;

    before(async () => {
      const missing = browser.missing() ?? (!existsSync('/usr/bin/speech-dispatcher') ? 'no speech-dispatcher (scripts/setup.sh installs it)' : !existsSync('/usr/bin/espeak-ng') ? 'no espeak-ng' : null);
      assert.equal(missing, null, missing ?? '');
      speechd = await startSpeechDispatcher();
      // The browser (Chromium, or Firefox started by geckodriver, which
      // passes its environment on) finds this speech-dispatcher by
      // SPEECHD_ADDRESS.
      process.env.SPEECHD_ADDRESS = speechd.address;
      server = await startServer({ routes });
      proxy = await startProxy();
      driver = await browser.launch(proxy.port, { realSpeech: true });
    });

    after(async () => {
      await driver?.close();
      await server?.close();
      await proxy?.close();
      speechd?.close();
      delete process.env.SPEECHD_ADDRESS;
    });

    it('speaks the Newsmax article\'s first sentence for real', async () => {
      await driver.open(`${server.origin}/newsmax/`);
      await driver.click();
      await waitInFrame(driver, 'reader', () => !!document.querySelector('declutter-reader')?.shadowRoot?.querySelector('article'), null, 'reader view');
      const audioBefore = speechd.audioBytes();
      await driver.pressIn('reader', '[data-action="listen"]');
      let s;
      const start = Date.now();
      while (Date.now() - start < 45_000) {
        s = (await driver.inFrame('reader', listenState)) ?? s ?? { highlight: [], voices: [] };
        if (speechd.said().some((t) => t.includes(NEWSMAX_FIRST)) && s.highlight[0] !== NEWSMAX_FIRST && s.highlight.length) break;
        await sleep(200);
      }
      const said = speechd.said();
      assert.ok(said.some((t) => t.includes(NEWSMAX_FIRST)), `the engine was sent the first sentence: ${JSON.stringify(said.slice(0, 3))}`);
      assert.match(said[0], /Putin Seeks to Shore Up Ties/, 'the title first');
      assert.ok(speechd.audioBytes() > audioBefore + 10_000, `audio came out (${speechd.audioBytes() - audioBefore} bytes)`);
      assert.ok(s.highlight.length === 1 && s.highlight[0] !== NEWSMAX_FIRST, `the engine's end event moved the reader on: ${JSON.stringify(s.highlight)}`);
      assert.equal(s.state, 'playing');
      // Firefox lists espeak-ng's voices; Chromium lists none from
      // speech-dispatcher (it speaks with the default voice all the same).
      if (browser.name === 'Firefox') assert.ok(s.voices.length >= 1, 'espeak-ng\'s English voices are offered');

      // The close button, not Escape: this test is about the engine, and
      // Escape's own test ("Escape and closing the reader stop speech")
      // is above.
      await driver.pressIn('reader', '[data-action="close"]');
      await waitFor(driver, () => !document.querySelector('declutter-reader'), null, 'reader closed');
      await sleep(500);
      const count = speechd.said().length;
      await sleep(1500);
      assert.equal(speechd.said().length, count, 'nothing sent to the engine after the reader closed');
    });
  });
}
