// The extension in headless Chromium (Debian's /usr/bin/chromium via playwright-core).
import { defineExtensionTests } from './extension-cases.mjs';
import { launchChromium } from './lib/chromium.mjs';

defineExtensionTests('chromium', launchChromium);
