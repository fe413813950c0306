// Injected first when the toolbar asks for the reader (background.js
// ensureInjected), bundled on its own: the reader frame starts loading
// while the rest of the content script is injected.
import { frames } from './frames.js';
import { registry } from './registry.js';

if (!registry.applier?.readerMounted) frames.preload('reader');
