// Options: reader defaults and the auto-declutter site list, in storage.sync.
// Host access for a site is requested here, from the user's own click, and
// only for that one site.
'use strict';
const api = globalThis.browser ?? globalThis.chrome;
const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
const DEFAULTS = { theme: 'auto', font: 'serif', size: 19, width: 38 };

for (const node of document.querySelectorAll('[data-i18n]')) {
  const text = t(node.dataset.i18n);
  if (text) node.textContent = text;
}
document.documentElement.lang = api.i18n.getUILanguage?.() || 'en';

const fields = ['theme', 'font', 'size', 'width'].map((id) => document.getElementById(id));

async function loadReader() {
  const { reader = {} } = await api.storage.sync.get('reader');
  const prefs = { ...DEFAULTS, ...reader };
  for (const field of fields) field.value = prefs[field.id];
}

async function saveReader() {
  const { reader = {} } = await api.storage.sync.get('reader');
  const prefs = { ...DEFAULTS, ...reader };
  for (const field of fields) {
    prefs[field.id] = field.type === 'number' ? Number(field.value) || DEFAULTS[field.id] : field.value;
  }
  await api.storage.sync.set({ reader: prefs });
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

loadReader();
renderSites();
