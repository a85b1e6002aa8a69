// Bundles: the gzip -9 size of each entry the Chrome build ships (dist/chrome/*.js, source maps
// excluded), against DESIGN.md §6: content script ≤ 15 KB, sidebar ≤ 60 KB; the others reported.
// 1 KB = 1,000 bytes here (the stricter reading of the target). Reads dist/ as built: run.ts builds first.
// Run alone: `npx tsx scripts/bench/bundles.ts` (after `npm run build`).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { ROOT } from './lib/content-bundle';
import { isMain, row, runAlone, type BenchResult } from './lib/report';

const TARGETS: Readonly<Record<string, number>> = { content: 15, sidebar: 60 };
const ORDER = ['content', 'sidebar', 'background', 'popup', 'onboarding', 'brief'];

export function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

export async function benchBundles(dir = join(ROOT, 'dist/chrome')): Promise<BenchResult> {
  const files = readdirSync(dir).filter((name) => name.endsWith('.js'));
  if (files.length === 0) throw new Error(`no .js in ${dir}: build first`);
  const entries = files.map((file) => {
    const bytes = readFileSync(join(dir, file));
    return { name: file.replace(/\.js$/, ''), raw: statSync(join(dir, file)).size, gzip: gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length };
  }).sort((a, b) => (ORDER.indexOf(a.name) + 1 || 99) - (ORDER.indexOf(b.name) + 1 || 99) || a.name.localeCompare(b.name));
  const rows = entries.map(({ name, gzip }) => {
    const target = TARGETS[name];
    return target === undefined
      ? row(`Bundle ${name}.js, gzip -9`, kb(gzip), 'reported', null)
      : row(`Bundle ${name}.js, gzip -9`, kb(gzip), `≤ ${target} KB`, gzip <= target * 1000);
  });
  const notes = [
    `Bundles: gzip -9 of dist/chrome/*.js as built (minified, no source maps); 1 KB = 1,000 bytes. ` +
      entries.map(({ name, raw, gzip }) => `${name} ${raw.toLocaleString('en')} B → ${gzip.toLocaleString('en')} B`).join('; ') + '.',
  ];
  return { name: 'bundles', rows, notes };
}

if (isMain(import.meta.url)) await runAlone(() => benchBundles());
