// Benchmark (not a test): the extension's wasm build alone, in Node (V8, as
// in Chromium): `extract` over the 130 Mozilla pages, two warm-up passes,
// then the mean time of a pass. No browser, no messages: what the core costs.
//
//   scripts/build-extension.sh && node scripts/bench-wasm-node.mjs [WASM_DIR] [PASSES]
//
// WASM_DIR defaults to dist/wasm (another build's, to compare); CORPUS (env)
// to /work/shared/corpus.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [wasmDir = 'dist/wasm', passes = '3'] = process.argv.slice(2);
const corpus = join(process.env.CORPUS || '/work/shared/corpus', 'readability');
const core = await import(pathToFileURL(resolve(wasmDir, 'declutter.js')));
core.initSync({ module: readFileSync(resolve(wasmDir, 'declutter_bg.wasm')) });

const url = 'http://fakehost/test/page.html';
const pages = readdirSync(corpus)
  .filter((d) => existsSync(join(corpus, d, 'source.html')))
  .map((d) => readFileSync(join(corpus, d, 'source.html'), 'utf8'));
const pass = () => { for (const html of pages) core.extract(html, url, undefined); };
pass();
pass();
const start = performance.now();
for (let i = 0; i < Number(passes); i++) pass();
const ms = (performance.now() - start) / Number(passes);
console.log(`${pages.length} pages: ${ms.toFixed(1)} ms per pass (mean of ${passes}), ${(ms / pages.length).toFixed(2)} ms per page`);
