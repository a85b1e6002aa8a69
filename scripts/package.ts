// npm run package: the store uploads. Builds dist/chrome and dist/firefox (scripts/build.ts), zips each
// into artifacts/earshot-<browser>-<version>.zip with `web-ext build`, and runs `web-ext lint` (the
// linter addons.mozilla.org itself runs) on dist/firefox; any lint error fails the run.
//
// Source maps stay in the zips: both stores accept them, Mozilla's reviewers compare the minified
// bundles with the source, and a user's bug report then carries a stack trace that names our files.
// They hold nothing that is not in this repository already.

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ARTIFACTS = join(ROOT, 'artifacts');
const BIN = join(ROOT, 'node_modules/.bin');
const run = promisify(execFile);

export type Store = 'chrome' | 'firefox';
export const STORES: Store[] = ['chrome', 'firefox'];

export interface LintFinding {
  code: string;
  message: string;
  file?: string;
}

export interface LintReport {
  errors: LintFinding[];
  warnings: LintFinding[];
  notices: LintFinding[];
}

export interface PackageResult {
  version: string;
  zips: Record<Store, string>;
  lint: LintReport;
}

export async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string' || !/^\d+(\.\d+){0,3}$/.test(pkg.version)) {
    throw new Error(`package.json version ${String(pkg.version)} is not a store version (1 to 4 dot-separated numbers)`);
  }
  return pkg.version;
}

export function zipPath(store: Store, version: string): string {
  return join(ARTIFACTS, `earshot-${store}-${version}.zip`);
}

/** A tool that fails: its own output says why, without our stack around it. */
class ToolFailed extends Error {}

async function tool(command: string, args: string[]): Promise<string> {
  try {
    return (await run(join(BIN, command), args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new ToolFailed(`${command} ${args[0] ?? ''} failed:\n${failure.stderr || failure.stdout || failure.message}`);
  }
}

async function build(): Promise<void> {
  await tool('tsx', [join(ROOT, 'scripts/build.ts')]);
}

/** `web-ext build` zips the directory as it is, manifest.json at the root, dot files left out. */
async function zip(store: Store, version: string): Promise<string> {
  const target = zipPath(store, version);
  await tool('web-ext', [
    'build', '--source-dir', join(ROOT, 'dist', store), '--artifacts-dir', ARTIFACTS,
    '--filename', `earshot-${store}-${version}.zip`, '--overwrite-dest', '--no-input',
  ]);
  return target;
}

/** `web-ext lint` exits non-zero when it finds errors; its JSON report is on stdout either way. */
export async function lintFirefox(): Promise<LintReport> {
  const stdout = await run(join(BIN, 'web-ext'), ['lint', '--source-dir', join(ROOT, 'dist/firefox'), '--output', 'json', '--no-input'], {
    cwd: ROOT, maxBuffer: 64 * 1024 * 1024,
  }).then((result) => result.stdout, (error: { stdout?: string; message: string }) => {
    if (error.stdout) return error.stdout;
    throw new Error(`web-ext lint did not run: ${error.message}`);
  });
  const report = JSON.parse(stdout) as Partial<LintReport>;
  const findings = (list: LintFinding[] | undefined) => (list ?? []).map(({ code, message, file }) => ({ code, message, ...(file ? { file } : {}) }));
  return { errors: findings(report.errors), warnings: findings(report.warnings), notices: findings(report.notices) };
}

export async function packageExtension(): Promise<PackageResult> {
  const version = await packageVersion();
  await build();
  const zips = { chrome: await zip('chrome', version), firefox: await zip('firefox', version) };
  return { version, zips, lint: await lintFirefox() };
}

export function describeLint(lint: LintReport): string[] {
  const line = (kind: string) => (finding: LintFinding) => `  ${kind} ${finding.code}${finding.file ? ` (${finding.file})` : ''}: ${finding.message}`;
  return [
    `web-ext lint dist/firefox: ${lint.errors.length} errors, ${lint.warnings.length} warnings, ${lint.notices.length} notices`,
    ...lint.errors.map(line('error')),
    ...lint.warnings.map(line('warning')),
  ];
}

async function main(): Promise<void> {
  const result = await packageExtension().catch((error: unknown) => {
    if (!(error instanceof ToolFailed)) throw error;
    console.error(error.message);
    return null;
  });
  if (!result) {
    process.exitCode = 1;
    return;
  }
  for (const store of STORES) console.log(`${store}: ${result.zips[store]}`);
  for (const line of describeLint(result.lint)) console.log(line);
  if (result.lint.errors.length > 0) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
