// Loads the built package (pkg/, from `make wasm`) into Node, synchronously, once per process.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = path.join(root, 'pkg');

if (!existsSync(path.join(pkg, 'declutter_bg.wasm'))) {
  throw new Error(`${pkg}/declutter_bg.wasm is missing: run make wasm first`);
}
const declutter = await import(path.join(pkg, 'declutter.js'));
declutter.initSync({ module: readFileSync(path.join(pkg, 'declutter_bg.wasm')) });

export default declutter;

/** Decodes a saved page as a browser would: BOM, then a `<meta charset>` in the first 1024 bytes, then UTF-8. */
export function decodePage(bytes) {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const m = head.match(/<meta[^>]+charset\s*=\s*["']?([\w-]+)/i);
  const label = m ? m[1].toLowerCase() : 'utf-8';
  if (WINDOWS_1252_LABELS.has(label)) return decodeWindows1252(bytes);
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** A copy with object keys in sorted order, so two JSON texts compare by content only. */
export function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}

/** The path and both values of the first difference between two JSON values, or null. */
export function firstDifference(a, b, where = '$') {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference(a[k], b[k], Array.isArray(a) ? `${where}[${k}]` : `${where}.${k}`);
      if (d) return d;
    }
  }
  const show = (v) => (v === undefined ? 'undefined' : JSON.stringify(v).slice(0, 300));
  return `${where}: ${show(a)} != ${show(b)}`;
}

// Node 20's TextDecoder decodes windows-1252 as ISO-8859-1 (0x80-0x9F become C1 controls instead
// of ’ “ ” € ...), so the WHATWG mapping is done here for the labels that mean windows-1252.
const WINDOWS_1252_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'latin1', 'iso-8859-1', 'iso8859-1', 'l1', 'us-ascii', 'ascii']);
const C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes) {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b < 0xa0 ? C1[b - 0x80] : String.fromCharCode(b);
  return out;
}
