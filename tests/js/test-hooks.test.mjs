// The packages a user installs carry no test hook; the test packages that
// tests/e2e load carry them all (scripts/build-extension.mjs drops `TEST:`
// statements from the release bundles). Reads the built packages: run
// after scripts/build-extension.sh, as scripts/test.sh does.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const HOOK = 'declutter.test';
// The bundles whose source sets a test hook.
const HOOKED = ['background.js', 'content/main.js', 'frame/reader-frame.js', 'options/options.js'];

function scripts(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = join(prefix, entry.name);
    if (entry.isDirectory()) return scripts(dir, path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

for (const browser of ['chrome', 'firefox']) {
  describe(`${browser} packages`, () => {
    const release = join(ROOT, 'dist', browser);
    const test = join(ROOT, 'dist', 'test', browser);

    it('the release package has no test hook', () => {
      assert.ok(existsSync(join(release, 'manifest.json')), `${release} built (scripts/build-extension.sh)`);
      const files = scripts(release);
      for (const name of HOOKED) assert.ok(files.includes(name), `${name} in the package`);
      for (const name of files) {
        const code = readFileSync(join(release, name), 'utf8');
        assert.ok(!code.includes(HOOK), `${name} names ${HOOK}`);
        assert.ok(!/^\s*TEST:/m.test(code), `${name} keeps a TEST: statement`);
      }
    });

    it('the test package has every hook, and differs from the release one only in them', () => {
      assert.ok(existsSync(join(test, 'manifest.json')), `${test} built (scripts/build-extension.sh)`);
      assert.deepEqual(scripts(test).sort(), scripts(release).sort());
      for (const name of HOOKED) {
        const code = readFileSync(join(test, name), 'utf8');
        assert.ok(code.includes(HOOK), `${name} sets its hook`);
      }
      for (const name of ['manifest.json', 'frame/reader.html', 'wasm/declutter_bg.wasm']) {
        assert.ok(readFileSync(join(test, name)).equals(readFileSync(join(release, name))), `${name} the same in both`);
      }
    });
  });
}
