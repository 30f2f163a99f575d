// The extension in headless Firefox ESR (geckodriver), installed as a temporary add-on.
import { defineExtensionTests } from './extension-cases.mjs';
import { defineHostileTests } from './extension-hostile.mjs';
import { launchFirefox } from './lib/firefox.mjs';

defineExtensionTests('firefox', launchFirefox);
defineHostileTests('firefox', launchFirefox);
