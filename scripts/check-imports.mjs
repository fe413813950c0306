// The extension's JavaScript import graph, checked: every import points
// down the layers (extension/README.md, "How it fits together") and none
// goes round in a circle. Run by scripts/build-extension.mjs before it
// bundles; `node scripts/check-imports.mjs` prints the graph's layers.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(new URL('..', import.meta.url).pathname);

// Entries: bundled into one script each; nothing imports them.
export const ENTRIES = [
  'extension/background.js',
  'extension/options/options.js',
  'extension/content/main.js',
  'extension/frame/reader-frame.js',
  'extension/frame/panel-frame.js',
  'extension/frame/export-frame.js',
  'www/app.js',
];

// What each folder may import from (besides itself), bottom first.
export const LAYERS = {
  'extension/shared': [],
  'extension/frame': ['extension/shared'],
  'extension/content': ['extension/shared'],
  'extension/options': ['extension/shared', 'extension/frame'],
  extension: ['extension/shared'],
  www: ['extension/shared', 'extension/frame', 'extension/content'],
};
// Bare imports the build resolves, and the only folder that may use each.
const BARE = { 'declutter-wasm': 'extension/shared' };

const layerOf = (file) => Object.keys(LAYERS).filter((l) => file.startsWith(`${l}/`)).sort((a, b) => b.length - a.length)[0];

/** {file: [imported file or bare name]} for the extension and the playground. */
export function readGraph(root = ROOT) {
  const graph = {};
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) {
        const source = readFileSync(join(root, path), 'utf8');
        graph[path] = [...source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)]
          .map((m) => m[1] ?? m[2])
          .map((spec) => (spec.startsWith('.') ? relative(root, resolve(root, dirname(path), spec)) : spec));
      }
    }
  };
  walk('extension');
  walk('www');
  return graph;
}

/** The problems with `graph`: imports against the layers, imported entries, circles. */
export function problems(graph) {
  const found = [];
  for (const [file, imports] of Object.entries(graph)) {
    const layer = layerOf(file);
    for (const target of imports) {
      if (!/^(extension|www)\//.test(target)) {
        if (BARE[target] !== layer) found.push(`${file} imports ${target}, which only ${BARE[target] ?? 'nobody'} may`);
        continue;
      }
      if (ENTRIES.includes(target)) found.push(`${file} imports the entry ${target}`);
      const to = layerOf(target);
      if (to !== layer && !(LAYERS[layer] ?? []).includes(to)) found.push(`${file} (${layer}) imports ${target} (${to}): against the layers`);
    }
  }
  // Circles: depth-first, a file met again while still on the path.
  const state = new Map(); // file -> 'open' | 'done'
  const visit = (file, path) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      found.push(`circle: ${[...path.slice(path.indexOf(file)), file].join(' → ')}`);
      return;
    }
    state.set(file, 'open');
    for (const target of graph[file] ?? []) if (target in graph) visit(target, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of Object.keys(graph).sort()) visit(file, []);
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const graph = readGraph();
  const found = problems(graph);
  for (const line of found) console.error(`check-imports: ${line}`);
  if (found.length) process.exit(1);
  const files = Object.keys(graph).length;
  const edges = Object.values(graph).reduce((n, list) => n + list.length, 0);
  console.log(`== check-imports: ${files} files, ${edges} imports, no import against the layers, no circle`);
}
