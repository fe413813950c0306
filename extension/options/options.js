// Options: reader defaults and the auto-declutter site list, in storage.sync.
// Host access for a site is requested here, from the user's own click, and
// only for that one site.
import { api } from '../shared/platform.js';
import { t } from '../shared/words.js';
import { DEFAULTS, loadPrefs, savePrefs } from '../frame/prefs.js';
import { save } from '../frame/exports.js';

for (const node of document.querySelectorAll('[data-i18n]')) {
  const text = t(node.dataset.i18n);
  if (text) node.textContent = text;
}
document.documentElement.lang = api.i18n.getUILanguage?.() || 'en';

const fields = ['theme', 'font', 'size', 'width'].map((id) => document.getElementById(id));

async function loadReader() {
  const prefs = await loadPrefs();
  for (const field of fields) field.value = prefs[field.id];
}

async function saveReader() {
  const prefs = await loadPrefs();
  for (const field of fields) {
    prefs[field.id] = field.type === 'number' ? Number(field.value) || DEFAULTS[field.id] : field.value;
  }
  await savePrefs(prefs);
  document.getElementById('saved').textContent = t('optionsSaved');
}
for (const field of fields) field.addEventListener('change', saveReader);

function originOf(text) {
  try {
    const url = new URL(text.includes('://') ? text : `https://${text}`);
    return /^https?:$/.test(url.protocol) ? url.origin : null;
  } catch {
    return null;
  }
}

/** Match patterns take no port: the pattern for a site covers all its ports. */
function patternFor(origin) {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

async function sites() {
  const { autoSites = [] } = await api.storage.sync.get('autoSites');
  return autoSites;
}

async function renderSites() {
  const list = document.getElementById('sites');
  const all = await sites();
  list.replaceChildren(...all.map((origin) => {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = origin;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = t('optionsAutoRemove');
    remove.setAttribute('aria-label', `${t('optionsAutoRemove')} ${origin}`);
    remove.addEventListener('click', async () => {
      const rest = (await sites()).filter((o) => o !== origin);
      await api.storage.sync.set({ autoSites: rest });
      try {
        await api.permissions.remove({ origins: [patternFor(origin)] });
      } catch {
        // already gone
      }
      renderSites();
    });
    item.append(name, remove);
    return item;
  }));
  document.getElementById('no-sites').hidden = all.length > 0;
}

async function addSite(origin) {
  const error = document.getElementById('add-error');
  error.textContent = '';
  // The request must be the first thing this click does (no await before it).
  const granted = await api.permissions.request({ origins: [patternFor(origin)] });
  if (!granted) {
    error.textContent = t('optionsAutoDenied');
    return;
  }
  const all = await sites();
  if (!all.includes(origin)) await api.storage.sync.set({ autoSites: [...all, origin] });
  renderSites();
}

document.getElementById('add-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const origin = originOf(document.getElementById('add-origin').value.trim());
  if (!origin) {
    document.getElementById('add-error').textContent = t('optionsAutoBadOrigin');
    return;
  }
  addSite(origin);
});

// Opened from the toolbar menu's "Always declutter this site…": prefill.
const wanted = new URLSearchParams(location.search).get('add');
if (wanted && originOf(wanted)) {
  const input = document.getElementById('add-origin');
  input.value = originOf(wanted);
  input.focus();
}

// ------------------------------------------------------------ your rules
// Stored per site as `rules:<host>` (content/rules.js). The core checks
// every edit and import (checkRules, through the background) before
// anything is stored: a rule it cannot read is never saved.

const RULES_PREFIX = 'rules:';
const rulesStatus = document.getElementById('rules-status');

async function ruleSet() {
  const stored = await api.storage.sync.get(null);
  const sites = {};
  for (const [key, value] of Object.entries(stored)) {
    if (key.startsWith(RULES_PREFIX)) sites[key.slice(RULES_PREFIX.length)] = { hide: value?.hide ?? [], keep: value?.keep ?? [] };
  }
  return { version: 1, sites };
}

async function checkRules(set) {
  const reply = await api.runtime.sendMessage({ type: 'engine', op: 'checkRules', args: [set] });
  if (!reply?.ok) throw new Error(reply?.error ?? 'engine unavailable');
  return reply.value;
}

/** Check and store one site's rules (none: the site's item is removed). */
async function saveSite(host, rules) {
  if (rules.hide.length === 0 && rules.keep.length === 0) {
    await api.storage.sync.remove(RULES_PREFIX + host);
    return;
  }
  const checked = await checkRules({ version: 1, sites: { [host]: rules } });
  await api.storage.sync.set(Object.fromEntries(Object.entries(checked.sites).map(([h, r]) => [RULES_PREFIX + h, r])));
}

async function changeRule(host, list, old, replacement) {
  const { sites } = await ruleSet();
  const rules = sites[host] ?? { hide: [], keep: [] };
  rules[list] = rules[list].flatMap((s) => (s === old ? (replacement ? [replacement] : []) : [s]));
  try {
    await saveSite(host, rules);
    rulesStatus.textContent = t('optionsRulesSaved');
  } catch (error) {
    rulesStatus.textContent = t('optionsRulesError', [String(error?.message ?? error)]);
  }
  renderRules();
}

function ruleRow(host, list, selector) {
  const item = document.createElement('li');
  item.dataset.host = host;
  item.dataset.list = list;
  const kind = document.createElement('span');
  kind.className = 'rule-kind';
  kind.textContent = t(list === 'hide' ? 'optionsRuleHide' : 'optionsRuleKeep');
  const input = document.createElement('input');
  input.type = 'text';
  input.value = selector;
  input.spellcheck = false;
  input.setAttribute('aria-label', `${kind.textContent}: ${host}`);
  input.addEventListener('change', () => changeRule(host, list, selector, input.value.trim()));
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = t('optionsRuleRemove');
  remove.setAttribute('aria-label', `${t('optionsRuleRemove')} ${selector}`);
  remove.addEventListener('click', () => changeRule(host, list, selector, null));
  item.append(kind, input, remove);
  return item;
}

async function renderRules() {
  const { sites } = await ruleSet();
  const hosts = Object.keys(sites).sort();
  document.getElementById('rules').replaceChildren(...hosts.map((host) => {
    const block = document.createElement('div');
    block.className = 'site-rules';
    const name = document.createElement('h3');
    name.textContent = host;
    const list = document.createElement('ul');
    list.append(...sites[host].hide.map((s) => ruleRow(host, 'hide', s)), ...sites[host].keep.map((s) => ruleRow(host, 'keep', s)));
    block.append(name, list);
    return block;
  }));
  document.getElementById('no-rules').hidden = hosts.length > 0;
}

document.getElementById('rules-export').addEventListener('click', async () => {
  save({ body: `${JSON.stringify(await ruleSet(), null, 2)}\n`, name: 'declutter-rules.json' }, 'json');
});

const ruleFile = document.getElementById('rules-file');
document.getElementById('rules-import').addEventListener('click', () => ruleFile.click());
ruleFile.addEventListener('change', async () => {
  const file = ruleFile.files?.[0];
  ruleFile.value = '';
  if (file) await importRules(await file.text());
});

/** Merge a rule set (JSON text) into the stored rules, all or nothing. */
async function importRules(text) {
  try {
    const incoming = await checkRules(JSON.parse(text));
    const { sites } = await ruleSet();
    let count = 0;
    for (const [host, rules] of Object.entries(incoming.sites)) {
      count += rules.hide.length + rules.keep.length;
      const old = sites[host] ?? { hide: [], keep: [] };
      sites[host] = { hide: [...old.hide, ...rules.hide], keep: [...old.keep, ...rules.keep] };
    }
    const merged = await checkRules({ version: 1, sites });
    await api.storage.sync.set(Object.fromEntries(Object.entries(merged.sites).map(([h, r]) => [RULES_PREFIX + h, r])));
    rulesStatus.textContent = t('optionsRulesImported', [String(count), String(Object.keys(incoming.sites).length)]);
  } catch (error) {
    rulesStatus.textContent = t('optionsRulesError', [String(error?.message ?? error)]);
  }
  renderRules();
}

// Rules made in a tab while this page is open.
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && Object.keys(changes).some((k) => k.startsWith(RULES_PREFIX))) renderRules();
});

loadReader();
renderSites();
renderRules();

// Test builds only (the build drops `TEST:` statements from the packages it
// ships): the import, by name, for the end-to-end tests (the file picker
// cannot be driven there).
TEST: globalThis[Symbol.for('declutter.test')] = Object.freeze({ importRules });
