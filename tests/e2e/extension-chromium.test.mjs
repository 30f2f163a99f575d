// The extension in headless Chromium (Debian's /usr/bin/chromium via playwright-core).
import { defineExtensionTests } from './extension-cases.mjs';
import { defineHostileTests } from './extension-hostile.mjs';
import { launchChromium } from './lib/chromium.mjs';

defineExtensionTests('chromium', launchChromium);
defineHostileTests('chromium', launchChromium);
