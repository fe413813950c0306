// The extension's wording (_locales), for the views and the content script.
import { api } from './platform.js';

/** A message by key, with substitutions; the key itself when there is none. */
export const t = (key, subs) => api.i18n.getMessage(key, subs) || key;

/** The name of a clutter kind, as the panel and the playground show it. */
export const kindLabel = (kind) => api.i18n.getMessage(`kind_${kind}`) || kind.replace(/_/g, ' ');
