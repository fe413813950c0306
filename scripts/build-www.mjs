// Build the playground (www/) into dist/www/: the page itself, the very same
// wasm build the extension packages (dist/wasm, copied byte for byte: run
// scripts/build-extension.sh first), the extension's reader view and locator
// code, the sample pages, and build-info.json (wasm size raw and gzipped).
//
//   node scripts/build-www.mjs        # after scripts/build-extension.sh
//   node scripts/serve-www.mjs        # then open http://127.0.0.1:8080/
//
// Samples: the Newsmax fixture from samples/, and a few of Mozilla
// Readability's test pages (Apache-2.0, licence copied along) from the
// shared corpus next to the repository ($DECLUTTER_SHARED, else ../shared);
// without that directory the playground ships the Newsmax sample only.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const SRC = join(ROOT, 'www');
const WASM = join(ROOT, 'dist', 'wasm');
const OUT = join(ROOT, 'dist', 'www');
const SHARED = process.env.DECLUTTER_SHARED ?? join(ROOT, '..', 'shared');
const CORPUS = join(SHARED, 'corpus', 'readability');

const log = (text) => console.log(`== build: www: ${text}`);

const NEWSMAX = {
  id: 'newsmax',
  label: 'Newsmax: Putin seeks to shore up ties on visit to Kazakhstan',
  file: 'newsmax-kazakhstan.html',
  // The page's address, as scripts/build.sh passes it to the CLI.
  url: 'https://www.newsmax.com/globaltalk/vladimir-putin-kazakhstan-russia/2024/11/27/id/1189560/',
  source: 'samples/newsmax-kazakhstan.html',
};

/** Readability test pages bundled as samples: a spread of sites, languages and layouts. */
const CORPUS_PAGES = [
  ['bbc-1', 'BBC News'],
  ['guardian-1', 'The Guardian'],
  ['lemonde-1', 'Le Monde (French)'],
  ['wikipedia', 'Wikipedia'],
  ['ars-1', 'Ars Technica'],
  ['nytimes-1', 'The New York Times'],
];
// The corpus pages were saved at this address (corpus README).
const CORPUS_URL = 'http://fakehost/test/page.html';

for (const file of ['declutter.js', 'declutter_bg.wasm']) {
  if (!existsSync(join(WASM, file))) {
    console.error(`build-www: dist/wasm/${file} is missing: run scripts/build-extension.sh first`);
    process.exit(1);
  }
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
cpSync(SRC, OUT, { recursive: true, filter: (path) => !path.endsWith('.md') });

// The wasm and its glue exactly as the extension build left them.
mkdirSync(join(OUT, 'wasm'));
for (const file of ['declutter.js', 'declutter_bg.wasm']) copyFileSync(join(WASM, file), join(OUT, 'wasm', file));

// app.js and what it imports, one module: the extension's own reader view
// (with its stylesheet) and locator check, with www/platform.js in place of
// the extension's APIs (extension/shared/platform.js).
const PLATFORM = join(ROOT, 'extension', 'shared', 'platform.js');
await esbuild.build({
  entryPoints: [join(SRC, 'app.js')],
  outfile: join(OUT, 'app.js'),
  bundle: true,
  format: 'esm',
  target: ['chrome116', 'firefox140'],
  charset: 'utf8',
  loader: { '.css': 'text' },
  logLevel: 'warning',
  plugins: [{
    name: 'playground-platform',
    setup(build) {
      build.onResolve({ filter: /platform\.js$/ }, (args) => {
        const path = resolve(args.resolveDir, args.path);
        return path === PLATFORM ? { path: join(SRC, 'platform.js') } : undefined;
      });
    },
  }],
});
for (const module of ['map.js', 'inert.js', 'platform.js']) rmSync(join(OUT, module));

// The extension's wording.
mkdirSync(join(OUT, 'ext'));
copyFileSync(join(ROOT, 'extension', '_locales', 'en', 'messages.json'), join(OUT, 'ext', 'messages.json'));

// Samples.
mkdirSync(join(OUT, 'samples'));
const samples = [];
copyFileSync(join(ROOT, NEWSMAX.source), join(OUT, 'samples', NEWSMAX.file));
samples.push({ ...NEWSMAX, bytes: readFileSync(join(ROOT, NEWSMAX.source)).length });
if (existsSync(CORPUS)) {
  for (const [name, site] of CORPUS_PAGES) {
    const page = join(CORPUS, name, 'source.html');
    if (!existsSync(page)) {
      console.warn(`build-www: corpus page ${name} not found; skipped`);
      continue;
    }
    const meta = JSON.parse(readFileSync(join(CORPUS, name, 'expected-metadata.json'), 'utf8'));
    const title = String(meta.title ?? name).replace(/\s+/g, ' ').trim();
    const short = title.length > 64 ? `${title.slice(0, 62)}…` : title;
    const file = `readability-${name}.html`;
    copyFileSync(page, join(OUT, 'samples', file));
    samples.push({
      id: name,
      label: `${site}: ${short}`,
      file,
      url: CORPUS_URL,
      source: `Mozilla Readability test page ${name} (Apache-2.0)`,
      bytes: readFileSync(page).length,
    });
  }
  copyFileSync(join(CORPUS, 'LICENSE.md'), join(OUT, 'samples', 'readability-LICENSE.md'));
} else {
  console.warn(`build-www: no corpus at ${CORPUS}; bundling the Newsmax sample only`);
}
writeFileSync(join(OUT, 'samples', 'index.json'), `${JSON.stringify(samples, null, 2)}\n`);

// Sizes of the wasm the playground (and the extension) ships; gzipped as
// scripts/build-extension.sh measures it (gzip -9), zlib where gzip is missing.
const wasm = readFileSync(join(OUT, 'wasm', 'declutter_bg.wasm'));
let gzipped;
try {
  gzipped = execFileSync('gzip', ['-9', '-c', join(OUT, 'wasm', 'declutter_bg.wasm')], { maxBuffer: 64 << 20 }).length;
} catch {
  gzipped = gzipSync(wasm, { level: 9 }).length;
}
const info = {
  wasm: {
    raw: wasm.length,
    gzip: gzipped,
    sha256: createHash('sha256').update(wasm).digest('hex'),
  },
  samples: samples.length,
};
writeFileSync(join(OUT, 'build-info.json'), `${JSON.stringify(info, null, 2)}\n`);

// Every file the page asks for is there.
const html = readFileSync(join(OUT, 'index.html'), 'utf8');
for (const [, path] of html.matchAll(/(?:src|href)="([^":#?]+)"/g)) {
  if (!existsSync(join(OUT, path))) {
    console.error(`build-www: index.html refers to ${path}, which is not in dist/www`);
    process.exit(1);
  }
}
log(`dist/www (${samples.length} samples; wasm ${info.wasm.raw} bytes, ${info.wasm.gzip} gzipped)`);
