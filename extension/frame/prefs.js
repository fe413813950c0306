// The reader's settings (theme, font, size, width), kept in storage.sync:
// the reader view and the options page read and write the same record.
import { api } from '../shared/platform.js';

export const DEFAULTS = { theme: 'auto', font: 'serif', size: 19, width: 38 };
export const SIZES = [14, 15, 16, 17, 18, 19, 20, 22, 24, 26, 28, 32];
export const WIDTHS = [28, 32, 35, 38, 42, 46, 52, 60];
export const THEMES = ['auto', 'light', 'sepia', 'dark'];

export async function loadPrefs() {
  try {
    const { reader = {} } = await api.storage.sync.get('reader');
    return { ...DEFAULTS, ...reader };
  } catch {
    return { ...DEFAULTS };
  }
}

export function savePrefs(prefs) {
  return api.storage.sync.set({ reader: prefs });
}
