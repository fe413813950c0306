// scripts/check-imports.mjs: the extension's import graph keeps its layers,
// and the checker does see an upward import, an imported entry and a circle.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { problems, readGraph } from '../../scripts/check-imports.mjs';

describe('the extension\'s import graph', () => {
  it('has no import against the layers and no circle', () => {
    const graph = readGraph();
    assert.ok(Object.keys(graph).length > 20, 'the extension\'s modules were read');
    assert.deepEqual(problems(graph), []);
  });

  it('reports an import up the layers, and across from content to frame', () => {
    const found = problems({
      'extension/shared/words.js': ['extension/frame/el.js'],
      'extension/frame/el.js': [],
      'extension/content/picker.js': ['extension/frame/el.js'],
    });
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0], /shared\/words\.js .* against the layers/);
    assert.match(found[1], /content\/picker\.js .* against the layers/);
  });

  it('reports an imported entry and a bare import outside its folder', () => {
    const found = problems({
      'extension/content/engine.js': ['extension/content/main.js', 'declutter-wasm'],
      'extension/content/main.js': [],
    });
    assert.deepEqual(found, [
      'extension/content/engine.js imports the entry extension/content/main.js',
      'extension/content/engine.js imports declutter-wasm, which only extension/shared may',
    ]);
  });

  it('reports a circle', () => {
    const found = problems({
      'extension/frame/a.js': ['extension/frame/b.js'],
      'extension/frame/b.js': ['extension/frame/c.js'],
      'extension/frame/c.js': ['extension/frame/a.js'],
    });
    assert.deepEqual(found, ['circle: extension/frame/a.js → extension/frame/b.js → extension/frame/c.js → extension/frame/a.js']);
  });
});
