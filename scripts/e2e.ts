// `npm run test:e2e` (after the build): the end-to-end files in lanes that run side by side, one file at
// a time in each lane. Most of an end-to-end file's time is waiting (for a 429's Retry-After, a stopped
// worker's wake-up alarm, lookups to go quiet), so two lanes take little more than half the time of one
// on a two-core machine. Each lane's fake server has port 443 of a loopback address of its own
// (test/e2e/harness/loopback.ts), so Firefox, which cannot remap ports, reaches the right one.
//   npx tsx scripts/e2e.ts [--lanes N] [file ...]   (default 2 lanes, every test/e2e/*.e2e.ts)
// Every line a lane prints is prefixed with its number; the exit code is 1 if any lane failed.

import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(import.meta.dirname, '..');
const E2E_DIR = join(ROOT, 'test/e2e');
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');

/**
 * Roughly how long each file takes (seconds, both browsers, measured on a two-core machine): used only
 * to share the files fairly between lanes. A file missing here counts as a minute.
 */
const EXPECTED_SECONDS: Record<string, number> = {
  'faults.e2e.ts': 355,
  'sources.e2e.ts': 280,
  'privacy.e2e.ts': 150,
  'quota.e2e.ts': 120,
  'worker-stages.e2e.ts': 95,
  'hostile.e2e.ts': 90,
  'navigation.e2e.ts': 55,
  'messages.e2e.ts': 40,
  'foundation.e2e.ts': 30,
  'signatures.e2e.ts': 28,
  'sidebar.e2e.ts': 23,
  'read-thread.e2e.ts': 19,
  'package.e2e.ts': 10,
  'harness.e2e.ts': 7,
};
const UNKNOWN_SECONDS = 60;

interface Lane {
  index: number;
  files: string[];
  seconds: number;
}

function parseArgs(argv: string[]): { lanes: number; files: string[] } {
  let lanes = Number(process.env.EARSHOT_E2E_LANES ?? 2);
  const files: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--lanes') lanes = Number(argv[++i]);
    else files.push(basename(arg));
  }
  if (!Number.isInteger(lanes) || lanes < 1 || lanes > 8) throw new Error(`--lanes must be 1 to 8 (got ${lanes})`);
  return { lanes, files };
}

/** Longest first, each to the lane with the least expected time so far. */
function shareFiles(files: readonly string[], laneCount: number): Lane[] {
  const lanes: Lane[] = Array.from({ length: Math.min(laneCount, Math.max(files.length, 1)) }, (_, index) => ({ index: index + 1, files: [], seconds: 0 }));
  const expected = (file: string) => EXPECTED_SECONDS[file] ?? UNKNOWN_SECONDS;
  for (const file of [...files].sort((a, b) => expected(b) - expected(a) || a.localeCompare(b))) {
    const lane = lanes.reduce((least, candidate) => (candidate.seconds < least.seconds ? candidate : least));
    lane.files.push(file);
    lane.seconds += expected(file);
  }
  return lanes.filter((lane) => lane.files.length > 0);
}

function runLane(lane: Lane): Promise<number> {
  const child = spawn(process.execPath, [VITEST, 'run', '--config', 'vitest.e2e.config.ts', ...lane.files.map((file) => join('test/e2e', file))], {
    cwd: ROOT,
    env: { ...process.env, EARSHOT_E2E_LOOPBACK: `127.0.0.${10 + lane.index}`, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`[lane ${lane.index}] ${line}`));
  }
  return new Promise((done) => child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0))));
}

async function main(): Promise<void> {
  const { lanes: laneCount, files: wanted } = parseArgs(process.argv.slice(2));
  const all = readdirSync(E2E_DIR).filter((file) => file.endsWith('.e2e.ts')).sort();
  const unknown = wanted.filter((file) => !all.includes(file));
  if (unknown.length > 0) throw new Error(`no such end-to-end file: ${unknown.join(', ')}`);
  const lanes = shareFiles(wanted.length > 0 ? wanted : all, laneCount);
  for (const lane of lanes) console.log(`[lane ${lane.index}] ${lane.files.join(', ')} (about ${Math.round(lane.seconds / 60)} min)`);
  const started = Date.now();
  const codes = await Promise.all(lanes.map(async (lane) => {
    const code = await runLane(lane);
    console.log(`[lane ${lane.index}] finished with exit code ${code} after ${Math.round((Date.now() - started) / 1000)} s`);
    return code;
  }));
  const failed = lanes.filter((_, i) => codes[i] !== 0).map((lane) => lane.index);
  console.log(failed.length === 0
    ? `end-to-end: every lane passed in ${Math.round((Date.now() - started) / 1000)} s`
    : `end-to-end: lane ${failed.join(', ')} failed (its lines above say which tests)`);
  process.exitCode = failed.length === 0 ? 0 : 1;
}

await main();
