// Checks docs/FEATURES.md stays well-formed: every spec module has a section and every row a status.
import { readFileSync } from 'node:fs';

const text = readFileSync(new URL('./FEATURES.md', import.meta.url), 'utf8');
const problems = [];
for (const n of ['00', '01', '02', '03', '04', '05', '06', '07']) {
  if (!new RegExp(`^## ${n} · `, 'm').test(text)) problems.push(`no section for module ${n}`);
}
for (const line of text.split('\n')) {
  if (!line.startsWith('| ') || line.startsWith('| feature') || /^\|[\s:|-]+$/.test(line)) continue;
  const cells = line.split('|').map((c) => c.trim());
  if (!['✅', '🟡', '⬜'].includes(cells[2])) problems.push(`row without a status: ${line.slice(0, 80)}`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('docs/FEATURES.md is well-formed');
