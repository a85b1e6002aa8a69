// Serves files from a directory for one host, e.g. replica Gmail pages at https://mail.google.com/…

import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { RouteRequest, RouteResponse } from './route-kit';

export interface StaticSite {
  dir: string;
  /**
   * Path prefix → file (relative to `dir`) served for any path under that prefix that is not a file,
   * so a single-page app's deep links load its one page: `{ '/mail/': 'inbox.html' }` makes
   * https://mail.google.com/mail/u/0/#inbox/abc load inbox.html. The longest prefix wins.
   */
  fallbacks?: Record<string, string>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
};

export async function serveStatic(site: StaticSite, request: RouteRequest): Promise<RouteResponse | undefined> {
  const root = resolve(site.dir);
  const direct = await fileInside(root, decodeURIComponent(request.path));
  if (direct) return fileResponse(direct);

  const prefix = Object.keys(site.fallbacks ?? {})
    .filter((p) => request.path.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  const fallback = prefix === undefined ? undefined : site.fallbacks?.[prefix];
  if (fallback === undefined) return undefined;
  const file = await fileInside(root, '/' + fallback);
  if (!file) throw new Error(`static fallback ${fallback} for ${prefix} is not a file in ${root}`);
  return fileResponse(file);
}

/** The file a URL path names inside root (index.html for a directory), never a path outside root. */
async function fileInside(root: string, urlPath: string): Promise<string | undefined> {
  const candidate = resolve(join(root, urlPath));
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  for (const path of [candidate, join(candidate, 'index.html')]) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile()) return path;
  }
  return undefined;
}

async function fileResponse(path: string): Promise<RouteResponse> {
  const type = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  return { status: 200, headers: { 'content-type': type, 'cache-control': 'no-store' }, body: await readFile(path) };
}
