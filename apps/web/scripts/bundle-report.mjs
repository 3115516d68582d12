// Prints the gzip size of the JS a first visit downloads (entry + its static imports) and of each
// lazy route on top of that: WUYE_BUNDLE_REPORT=1 npm run build -w @wuye/web && node apps/web/scripts/bundle-report.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

function staticClosure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key].imports ?? []) staticClosure(dep, seen);
  return seen;
}
const size = (keys) => [...keys].reduce((sum, k) => sum + gz(manifest[k].file), 0);

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const initial = staticClosure(entryKey);
console.log(`initial JS (entry + static imports): ${kb(size(initial))} gzip in ${initial.size} files`);
const css = (manifest[entryKey].css ?? []).reduce((s, f) => s + gz(f), 0);
console.log(`initial CSS: ${kb(css)} gzip`);
let all = 0;
for (const k of Object.keys(manifest)) if (manifest[k].file.endsWith('.js')) all += gz(manifest[k].file);
console.log(`all JS: ${kb(all)} gzip`);
for (const dyn of manifest[entryKey].dynamicImports ?? []) {
  const extra = [...staticClosure(dyn)].filter((k) => !initial.has(k));
  console.log(`  + ${dyn.replace(/^src\//, '')}: ${kb(size(extra))}`);
}
// First screens: login, and home after sign-in (shell + home page).
const find = (name) => Object.keys(manifest).find((k) => k.endsWith(name));
const withShell = new Set([
  ...initial,
  ...staticClosure(find('StaffShell.tsx')),
  ...staticClosure(find('HomePage.tsx')),
]);
const withLogin = new Set([...initial, ...staticClosure(find('LoginPage.tsx'))]);
console.log(`login page total: ${kb(size(withLogin))} gzip; home page total: ${kb(size(withShell))} gzip`);
