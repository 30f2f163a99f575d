// Folds the local JS modules that src/wasm.rs imports (wasm-bindgen copies them to
// pkg/snippets/<crate-hash>/...) into the glue, so the package stays two files, declutter.js and
// declutter_bg.wasm, which the extension, the demo page and the benchmark copy or serve as they
// are. Each `import { name } from './snippets/...'` line becomes that file's text with its
// `export` keywords dropped; a name clash with the glue fails the minifier that runs next.
// Usage: node scripts/inline-snippets.mjs pkg/declutter.js
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const glue = process.argv[2];
const dir = path.dirname(glue);
const IMPORT = /^import \{[^}]*\} from '(\.\/snippets\/[^']+)';$/gm;
const source = readFileSync(glue, 'utf8');
const folded = source.replace(IMPORT, (_, file) =>
  readFileSync(path.join(dir, file), 'utf8').replace(/^export /gm, ''),
);
if (folded.includes("'./snippets/")) {
  console.error(`inline-snippets: ${glue} still imports a snippet in a form this script does not know`);
  process.exit(1);
}
writeFileSync(glue, folded);
rmSync(path.join(dir, 'snippets'), { recursive: true, force: true });
