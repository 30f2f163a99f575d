/* Options page: the same settings form as the reader's toolbar, stored in the same place. */
import '../lib/platform.js';
import { renderSettingsForm, applySettings, normalizeSettings } from '../ui/reader-view.js';

const platform = globalThis.DeclutterPlatform;
const t = (key, ...subs) => platform.t(key, subs.map(String));
const root = document.getElementById('options');

for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
document.title = t('optionsTitle');

const settings = normalizeSettings(await platform.loadSettings());
applySettings(root, settings);
renderSettingsForm(document.getElementById('settings'), settings, (next) => {
  applySettings(root, next);
  platform.saveSettings(next);
}, t);
