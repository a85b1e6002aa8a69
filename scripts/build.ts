import * as esbuild from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestFor, type Target } from './manifest-for';

/** Builds dist/chrome and dist/firefox from src/ and the one manifest.json. `--watch` rebuilds on change. */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const TARGETS: Target[] = ['chrome', 'firefox'];

const POLYFILLED_ENTRIES = {
  background: 'src/background/main.ts',
};

// The content script and the extension pages use the browser's own promise API instead of the
// polyfill (see src/shared/browser-api.ts).
const NATIVE_API_ENTRIES = {
  content: 'src/content/main.ts',
  sidebar: 'src/ui/sidebar/main.tsx',
  popup: 'src/ui/popup/main.tsx',
  onboarding: 'src/ui/onboarding/main.tsx',
  brief: 'src/ui/brief/main.tsx',
};

const STATIC_FILES: [string, string][] = [
  ['src/ui/common/base.css', 'base.css'],
  ['src/ui/sidebar/sidebar.css', 'sidebar.css'],
  ['src/ui/sidebar/sidebar.html', 'sidebar.html'],
  ['src/ui/popup/popup.css', 'popup.css'],
  ['src/ui/popup/popup.html', 'popup.html'],
  ['src/ui/onboarding/onboarding.html', 'onboarding.html'],
  ['src/ui/brief/brief.html', 'brief.html'],
  ['src/ui/brief/brief.css', 'brief.css'],
];

async function copyStatic(outDir: string, target: Target): Promise<void> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  const source = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8'));
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifestFor(source, target, pkg.version), null, 2)}\n`);
  for (const [from, to] of STATIC_FILES) await cp(join(root, from), join(outDir, to));
  await cp(join(root, 'icons'), join(outDir, 'icons'), { recursive: true, filter: (path) => !path.endsWith('.svg') });
}

function options(target: Target, nativeApi: boolean): esbuild.BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: nativeApi ? NATIVE_API_ENTRIES : POLYFILLED_ENTRIES,
    ...(nativeApi ? { alias: { 'webextension-polyfill': './src/shared/browser-api.ts' } } : {}),
    outdir: join(root, 'dist', target),
    bundle: true,
    format: 'iife',
    minify: true,
    sourcemap: 'linked',
    target: target === 'chrome' ? 'chrome120' : 'firefox128',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
  };
}

async function buildTarget(target: Target): Promise<void> {
  const outDir = join(root, 'dist', target);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  if (watch) {
    for (const nativeApi of [false, true]) {
      const context = await esbuild.context({
        ...options(target, nativeApi),
        plugins: [{ name: 'static', setup: (build) => build.onEnd(() => copyStatic(outDir, target)) }],
      });
      await context.watch();
    }
    return;
  }
  const [polyfilled, native] = await Promise.all([esbuild.build(options(target, false)), esbuild.build(options(target, true))]);
  const metafile = { inputs: { ...polyfilled.metafile?.inputs, ...native.metafile?.inputs }, outputs: { ...polyfilled.metafile?.outputs, ...native.metafile?.outputs } };
  await writeFile(join(root, 'dist', `${target}-meta.json`), JSON.stringify(metafile));
  await copyStatic(outDir, target);
}

await Promise.all(TARGETS.map(buildTarget));
console.log(watch ? 'watching src/ for changes…' : `built ${TARGETS.map((t) => `dist/${t}`).join(' and ')}`);
