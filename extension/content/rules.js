// The user's own rules for this site ("hide this", "don't hide this"), kept
// in storage.sync as `rules:<host>` = {hide: [selector], keep: [selector]}:
// one item per site, so one site's rules never push another's over the
// quota per item. The core applies them (Options.rules) and writes the
// selectors (ruleSelectors); this file only stores them and checks a
// suggested selector against the live page.
import { api } from '../shared/platform.js';
import { engine } from './engine.js';

const key = () => `rules:${location.hostname}`;
const strings = (list) => (Array.isArray(list) ? list.filter((s) => typeof s === 'string') : []);

/** This site's rules; none when storage cannot be read. */
async function load() {
  try {
    const stored = (await api.storage.sync.get(key()))[key()];
    return { hide: strings(stored?.hide), keep: strings(stored?.keep) };
  } catch {
    return { hide: [], keep: [] };
  }
}

async function save(rules) {
  if (rules.hide.length || rules.keep.length) await api.storage.sync.set({ [key()]: rules });
  else await api.storage.sync.remove(key());
}

/** Add `selector` to `list` ('hide' | 'keep'), taking it off the other. */
async function add(list, selector) {
  const rules = await load();
  const other = list === 'hide' ? 'keep' : 'hide';
  rules[other] = rules[other].filter((s) => s !== selector);
  if (!rules[list].includes(selector)) rules[list].push(selector);
  await save(rules);
  return rules;
}

async function forget(selector) {
  const rules = await load();
  await save({ hide: rules.hide.filter((s) => s !== selector), keep: rules.keep.filter((s) => s !== selector) });
}

/** The path from <body> down to `el`, as the core's rules::PathStep reads it. */
function pathTo(el) {
  const path = [];
  for (let node = el; node && node !== document.documentElement; node = node.parentElement) {
    let nth = 1;
    for (let s = node.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === node.localName) nth++;
    path.unshift({ tag: node.localName, id: node.id || null, classes: Array.from(node.classList), nthOfType: nth });
    if (node === document.body) break;
  }
  return path;
}

/** The core's first selector that names `el` alone in this page, or null. */
async function selectorFor(el) {
  const candidates = await engine.ruleSelectors(pathTo(el));
  for (const selector of candidates) {
    let found = [];
    try {
      found = document.querySelectorAll(selector);
    } catch {
      continue;
    }
    if (found.length === 1 && found[0] === el) return selector;
  }
  return null;
}

export const rules = { load, add, forget, selectorFor };
