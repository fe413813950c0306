// The two extension APIs that the extension's reader view (frame/reader.js)
// calls — i18n and storage — for the playground, which is a plain page:
// messages from the extension's own _locales (loaded by app.js), reader
// settings in localStorage. scripts/build-www.mjs bundles it in place of
// extension/shared/platform.js (same exports).

let messages = {};
const STORE = 'declutter-playground:';

/** chrome.i18n.getMessage: named placeholders, then $1…$9, then $$. */
function getMessage(key, substitutions) {
  const entry = messages[key];
  if (!entry) return '';
  const subs = substitutions == null ? [] : [].concat(substitutions).map(String);
  const placeholders = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, value]) => [name.toLowerCase(), value.content ?? '']),
  );
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => placeholders[name.toLowerCase()] ?? whole)
    .replace(/\$(\$|[1-9])/g, (whole, which) => (which === '$' ? '$' : subs[Number(which) - 1] ?? ''));
}

function read(key) {
  try {
    const raw = localStorage.getItem(STORE + key);
    return raw == null ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

const sync = {
  async get(keys) {
    const out = {};
    for (const key of [].concat(keys)) {
      const value = read(key);
      if (value !== undefined) out[key] = value;
    }
    return out;
  },
  async set(items) {
    try {
      for (const [key, value] of Object.entries(items)) localStorage.setItem(STORE + key, JSON.stringify(value));
    } catch {
      // storage full or disabled: settings last for this visit only
    }
  },
};

export const api = { i18n: { getMessage }, storage: { sync } };

// The playground draws the article's images as data: placeholders
// (inert.js), which the reader's second pass (frame/sanitise.js) lets
// through here only: the core never writes them.
export const placeholderImages = true;

/** `messages.json` of the extension, plus the playground's own wording. */
export function setMessages(loaded, overrides = {}) {
  messages = { ...loaded };
  for (const [key, message] of Object.entries(overrides)) messages[key] = { ...messages[key], message };
}
