// Permission guard: the built manifests ask for no more than the documented
// list (README.md, SECURITY.md): activeTab, scripting, storage and
// contextMenus, with host access only as an optional permission that the
// options page requests per site for auto-declutter. No network APIs, no
// static content scripts (they would need host access at install).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/chromium.mjs';

const DOCUMENTED = ['activeTab', 'contextMenus', 'scripting', 'storage'];
const OPTIONAL_HOSTS = ['http://*/*', 'https://*/*'];

for (const browser of ['chrome', 'firefox']) {
  describe(`${browser} manifest`, () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'dist', browser, 'manifest.json'), 'utf8'));

    it('asks for the documented permissions only', () => {
      assert.deepEqual([...(manifest.permissions ?? [])].sort(), DOCUMENTED);
      assert.deepEqual(manifest.optional_permissions ?? [], [], 'no optional API permissions');
    });

    it('host access is optional only, and for web pages only', () => {
      assert.equal(manifest.host_permissions, undefined, 'no host permissions at install');
      assert.deepEqual([...(manifest.optional_host_permissions ?? [])].sort(), OPTIONAL_HOSTS);
      assert.equal(manifest.content_scripts, undefined, 'no static content scripts');
      const csp = manifest.content_security_policy?.extension_pages ?? '';
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, 'extension pages run only their own scripts');
      assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|https?:/, 'no inline or remote code');
    });

    it('exposes only the wasm and the three frame pages (reader, panel, export) to pages', () => {
      const resources = (manifest.web_accessible_resources ?? []).flatMap((r) => r.resources);
      assert.deepEqual(resources.sort(), ['frame/export.html', 'frame/panel.html', 'frame/reader.html', 'wasm/declutter_bg.wasm']);
    });

    it('every documented permission is explained in SECURITY.md', () => {
      const security = readFileSync(join(ROOT, 'SECURITY.md'), 'utf8');
      for (const permission of DOCUMENTED) assert.ok(security.includes(`\`${permission}\``), `SECURITY.md explains ${permission}`);
    });
  });
}
