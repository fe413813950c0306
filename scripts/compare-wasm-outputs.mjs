// Run the extension's wasm build (dist/wasm, after scripts/build-extension.sh)
// over every corpus page as the extension does (pageEncoding, TextDecoder,
// extract, the three exports, fileName) and write one file per page, to
// check that a change to the wasm build changes none of its outputs:
//
//   node scripts/compare-wasm-outputs.mjs OUT_DIR [WASM_DIR]
//   diff -rq BASELINE_DIR OUT_DIR
//
// WASM_DIR defaults to dist/wasm; CORPUS (env) to /work/shared/corpus.
// (scripts/compare-outputs.sh does the same for the CLI.)
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [out, wasmDir = 'dist/wasm'] = process.argv.slice(2);
if (!out) throw new Error('usage: node scripts/compare-wasm-outputs.mjs OUT_DIR [WASM_DIR]');
const corpus = process.env.CORPUS || '/work/shared/corpus';
const core = await import(pathToFileURL(resolve(wasmDir, 'declutter.js')));
core.initSync({ module: readFileSync(resolve(wasmDir, 'declutter_bg.wasm')) });

const pages = [];
for (const d of readdirSync(join(corpus, 'readability')).sort()) {
  if (!existsSync(join(corpus, 'readability', d, 'source.html'))) continue;
  pages.push([`moz-${d}`, 'http://fakehost/test/page.html', join(corpus, 'readability', d, 'source.html')]);
}
const meta = JSON.parse(readFileSync(join(corpus, 'wcxb-dev', 'metadata.json'), 'utf8'));
for (const [id, f] of Object.entries(meta.files)) {
  pages.push([`wcxb-${id}`, f.url, join(corpus, 'wcxb-dev', 'html', `${id}.html.gz`)]);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// Each call's result, or the error it threw, as text.
const run = (f) => {
  try {
    return JSON.stringify(f(), null, 1);
  } catch (e) {
    return `error: ${e && e.message}`;
  }
};
for (const [name, url, file] of pages) {
  let bytes = readFileSync(file);
  if (file.endsWith('.gz')) bytes = gunzipSync(bytes);
  const encoding = core.pageEncoding(bytes);
  const html = new TextDecoder(encoding).decode(bytes);
  let extraction = null;
  const parts = [
    `encoding: ${encoding}`,
    `nesting: ${core.limitNesting(html).length}`,
    run(() => (extraction = core.extract(html, url, undefined))),
  ];
  for (const format of ['markdown', 'text', 'html']) {
    parts.push(run(() => core.exportDocument(extraction, url, format)));
  }
  parts.push(run(() => core.fileName(extraction?.metadata?.title ?? null, 'md')));
  writeFileSync(join(out, name), parts.join('\n----\n'));
}
console.log(`pages: ${pages.length}`);
