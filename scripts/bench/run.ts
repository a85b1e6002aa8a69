// `npm run bench`: builds the extension, runs every benchmark in scripts/bench/ and prints one table
// (measure, value, target, pass/short), then writes it with the notes of each benchmark to
// bench-results.md. The browser benchmarks run the BUILT extension in real Chromium against the fake
// server on a free port; the content-script benchmark (another file's) runs as a child process and
// hands its rows over in artifacts/bench-content.json. Not part of `npm test`, and nothing here asserts
// a time: a missed target prints "short" and the run still succeeds. Ratios that matter (cached ÷ cold,
// with ÷ without the extension) are measured within one run, because these machines are shared.
// The exit code is 1 only when a benchmark could not run at all.
//   --no-build   use dist/ as it is

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { findBrowser } from '../../test/e2e/harness/browsers';
import { benchBundles } from './bundles';
import { benchDatabase } from './database';
import { ROOT } from './lib/content-bundle';
import { failedRow, formatTable, type BenchResult, type BenchRow } from './lib/report';
import { benchRequests } from './requests';
import { benchSidebar } from './sidebar';

const started = Date.now();
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const CONTENT_SCRIPT = join(ROOT, 'scripts/bench/content-script.ts');
const CONTENT_JSON = join(ROOT, 'artifacts/bench-content.json');
const README_START = '<!-- bench:start -->';
const README_END = '<!-- bench:end -->';

function log(line: string): void {
  console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`);
}

/** The rows (and notes) another benchmark wrote: { measure, value, target, pass } each. */
function readContent(since: number, exitCode: number | null): { rows: BenchRow[]; notes: string[] } {
  if (!existsSync(CONTENT_JSON) || statSync(CONTENT_JSON).mtimeMs < since) {
    const why = `artifacts/bench-content.json missing (scripts/bench/content-script.ts exited with ${exitCode ?? 'a signal'})`;
    return { rows: [failedRow('Content script', why)], notes: [] };
  }
  const parsed = JSON.parse(readFileSync(CONTENT_JSON, 'utf8')) as unknown;
  const list = Array.isArray(parsed) ? parsed : (parsed as { rows?: unknown }).rows;
  const notesIn = Array.isArray(parsed) ? [] : (parsed as { notes?: unknown }).notes;
  const notes = Array.isArray(notesIn) ? notesIn.filter((note): note is string => typeof note === 'string').map((note) => `Content script: ${note}`) : [];
  if (!Array.isArray(list)) return { rows: [failedRow('Content script', 'artifacts/bench-content.json holds no rows')], notes };
  return { notes, rows: list.map((entry) => {
    const item = entry as { measure?: unknown; value?: unknown; target?: unknown; pass?: unknown };
    return {
      measure: String(item.measure ?? '?'),
      value: String(item.value ?? ''),
      target: String(item.target ?? ''),
      pass: typeof item.pass === 'boolean' ? item.pass : null,
    };
  }) };
}

function contentScript(): BenchResult {
  if (!existsSync(CONTENT_SCRIPT)) {
    return { name: 'content-script', rows: [failedRow('Content script', 'scripts/bench/content-script.ts missing')], notes: [] };
  }
  const since = Date.now();
  const child = spawnSync(process.execPath, [TSX, CONTENT_SCRIPT], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 20 * 60_000 });
  return { name: 'content-script', ...readContent(since, child.status) };
}

async function attempt(name: string, measure: string, bench: () => Promise<BenchResult>): Promise<BenchResult & { failed: boolean }> {
  log(`${name}…`);
  const start = Date.now();
  try {
    const result = await bench();
    log(`${name} done in ${((Date.now() - start) / 1000).toFixed(0)} s`);
    return { ...result, failed: false };
  } catch (error) {
    console.error(error);
    return { name, rows: [failedRow(measure, error instanceof Error ? error.message : String(error))], notes: [], failed: true };
  }
}

/**
 * The README's Performance section is this run's table: replaced between its two markers, so the README
 * never quotes figures no run produced.
 */
function writeReadmeSection(table: string, at: number, seconds: number, machine: string): void {
  const readmePath = join(ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) {
    log(`README.md has no ${README_START} … ${README_END} markers; left as it is`);
    return;
  }
  const section = [
    README_START,
    `Last \`npm run bench\`: ${new Date(at).toISOString().slice(0, 10)}, ${seconds.toFixed(0)} s on ${machine}. How each figure is measured: [bench-results.md](bench-results.md).`,
    '',
    table,
    '',
  ].join('\n');
  writeFileSync(readmePath, readme.slice(0, start) + section + readme.slice(end));
}

function chromiumVersion(): string {
  try {
    return execFileSync(findBrowser('chromium'), ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'Chromium (version unknown)';
  }
}

if (!process.argv.includes('--no-build')) {
  log('building dist/…');
  execFileSync(process.execPath, [TSX, join(ROOT, 'scripts/build.ts')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const results: (BenchResult & { failed: boolean })[] = [];
log('content script (scripts/bench/content-script.ts)…');
results.push({ ...contentScript(), failed: false });
results.push(await attempt('sidebar', 'Sidebar', benchSidebar));
results.push(await attempt('bundles', 'Bundles', benchBundles));
results.push(await attempt('database', 'Database at scale', benchDatabase));
results.push(await attempt('requests', 'Request budget', benchRequests));

const rows = results.flatMap((result) => result.rows);
const table = formatTable(rows);
const seconds = (Date.now() - started) / 1000;
const cpu = cpus();
const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${chromiumVersion()}`;
console.log(table);
console.log(`\n${rows.filter((r) => r.pass === false).length} short of target, ${rows.filter((r) => r.pass === true).length} met; ${seconds.toFixed(0)} s.`);

const notes = results.flatMap((result) => result.notes);
writeFileSync(join(ROOT, 'bench-results.md'), [
  '# Earshot benchmarks',
  '',
  `Written by \`npm run bench\` (scripts/bench/run.ts) on ${new Date(started).toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${seconds.toFixed(0)} s, on ${machine}.`,
  'Real Chromium with the built extension and the fake server of test/e2e/harness; targets from DESIGN.md §6. These machines are shared and',
  'noisy: compare the ratios measured within one run (cached ÷ cold, with ÷ without the extension) rather than absolute times across runs.',
  '',
  table,
  '',
  '## How each figure was measured',
  '',
  ...notes.map((note) => `- ${note}`),
  '',
].join('\n'));
log('wrote bench-results.md');
writeReadmeSection(table, started, seconds, machine);
log('updated README.md (Performance)');
process.exit(results.some((result) => result.failed) ? 1 : 0);
