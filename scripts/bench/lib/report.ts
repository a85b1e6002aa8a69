// The one table `npm run bench` prints (and writes to bench-results.md): measure, value, target, and
// whether the value meets the target. Shared by every benchmark in scripts/bench/.

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface BenchRow {
  measure: string;
  /** As printed: the number with its unit ("38.2 ms", "14.1 KB"), or why there is none. */
  value: string;
  /** As printed: "≤ 50 ms"; "reported" for measures without a target. */
  target: string;
  /** true: meets the target; false: short of it; null: reported only, or not measured. */
  pass: boolean | null;
}

/** What a benchmark hands back: its rows, and notes (samples, how it was measured) for the file. */
export interface BenchResult {
  name: string;
  rows: BenchRow[];
  notes: string[];
}

export function verdict(pass: boolean | null): string {
  return pass === true ? 'pass' : pass === false ? 'short' : '—';
}

export function row(measure: string, value: string, target: string, pass: boolean | null): BenchRow {
  return { measure, value, target, pass };
}

/** A benchmark that could not run: one row that says so, never a silent gap. */
export function failedRow(measure: string, reason: string): BenchRow {
  return { measure, value: `not measured: ${reason.replace(/\s+/g, ' ').slice(0, 160)}`, target: '', pass: null };
}

/** A Markdown table, also readable as plain text in a terminal. */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((r) => [r.measure, r.value, r.target, verdict(r.pass)].map((cell) => cell.replace(/\|/g, '\\|')));
  const header = ['measure', 'value', 'target', 'pass/short'];
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i]?.length ?? 0)));
  const line = (values: string[]) => `| ${values.map((value, i) => value.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export function ms(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value)} ms`;
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** True when `moduleUrl` is the script node was started with (a benchmark run on its own). */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/** Runs one benchmark on its own: prints its table and notes. */
export async function runAlone(bench: () => Promise<BenchResult>): Promise<void> {
  try {
    const result = await bench();
    console.log(formatTable(result.rows));
    for (const note of result.notes) console.log(`- ${note}`);
    process.exit(0);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}
