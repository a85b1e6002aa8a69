// The store uploads, as `npm run package` makes them (scripts/package.ts): both zips exist, hold the
// built extension exactly (manifest.json at the root, every file the manifest and its pages reference,
// nothing else), and web-ext lint, the linter addons.mozilla.org runs, finds no error in the Firefox
// build. It builds, so it lives with the end-to-end tests and runs under their lock.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, resolve, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeLint, packageExtension, STORES, zipPath, type PackageResult, type Store } from '../../scripts/package';

const DIST = resolve(import.meta.dirname, '../../dist');

/** A zip's files by name, read from its central directory (stored or deflated, as web-ext writes them). */
function readZip(file: string): Map<string, Buffer> {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${file} is not a zip`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: broken central directory`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (!name.endsWith('/')) files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

function distFiles(store: Store): string[] {
  return readdirSync(join(DIST, store), { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(DIST, store, name)).isFile())
    .map((name) => name.split(sep).join('/'))
    .sort();
}

/** Every file a manifest names: icons, pages, scripts, styles, web-accessible resources. */
function manifestFiles(manifest: Record<string, unknown>): string[] {
  const files = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string') files.add(value.replace(/^\//, ''));
    else if (Array.isArray(value)) value.forEach(add);
    else if (value && typeof value === 'object') Object.values(value).forEach(add);
  };
  const m = manifest as Record<string, Record<string, unknown> | undefined> & { content_scripts?: Record<string, unknown>[]; web_accessible_resources?: { resources: string[] }[] };
  add(m.icons);
  add(m.action?.default_icon);
  add(m.action?.default_popup);
  add(m.background?.service_worker);
  add(m.background?.scripts);
  add(m.side_panel?.default_path);
  add(m.sidebar_action?.default_panel);
  add(m.sidebar_action?.default_icon);
  add(m.options_ui?.page);
  for (const script of m.content_scripts ?? []) {
    add(script.js);
    add(script.css);
  }
  for (const entry of m.web_accessible_resources ?? []) add(entry.resources);
  return [...files].sort();
}

/** The scripts and styles an HTML page loads, relative to the extension root. */
function pageReferences(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*?\s(?:src|href)="([^"]+)"/gi)].map((match) => posix.normalize(match[1]!));
}

let result: PackageResult;

beforeAll(async () => {
  result = await packageExtension();
  console.log(describeLint(result.lint).join('\n'));
}, 300_000);

describe.each(STORES)('the %s store zip', (store) => {
  it('is where the stores expect to take it from, named by version', () => {
    const version = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;
    expect(result.version).toBe(version);
    expect(result.zips[store]).toBe(zipPath(store, version));
    expect(result.zips[store]).toMatch(new RegExp(`artifacts/earshot-${store}-${version.replace(/\./g, '\\.')}\\.zip$`));
  });

  it('holds the built extension exactly, manifest.json at the root', () => {
    const files = readZip(result.zips[store]);
    const names = [...files.keys()].sort();
    expect(names).toContain('manifest.json');
    expect(names).toEqual(distFiles(store));
    expect(names.filter((name) => name.startsWith('/') || name.split('/').includes('..') || name.includes('\\'))).toEqual([]);
    for (const name of names) expect(files.get(name)?.equals(readFileSync(join(DIST, store, name))), name).toBe(true);
    console.log(`${store}: ${names.length} files, ${(readFileSync(result.zips[store]).length / 1024).toFixed(1)} KB zipped`);
  });

  it('holds every file its manifest and its pages reference', () => {
    const files = readZip(result.zips[store]);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Record<string, unknown>;
    expect(manifest.version).toBe(result.version);
    const referenced = manifestFiles(manifest);
    expect(referenced).toEqual(expect.arrayContaining(['background.js', 'content.js', 'popup.html', 'sidebar.html', 'icons/icon-128.png']));
    const pages = [...files.keys()].filter((name) => name.endsWith('.html'));
    const fromPages = pages.flatMap((page) => pageReferences(files.get(page)!.toString('utf8')));
    const missing = [...referenced, ...fromPages].filter((name) => !files.has(name));
    expect(missing).toEqual([]);
  });
});

describe('web-ext lint of the Firefox build', () => {
  it('reports no error', () => {
    expect(result.lint.errors).toEqual([]);
  });
});
