// hn.algolia.com, answered from the search answers WRITTEN-HERE in test/fixtures/api/hackernews/algolia
// (see its README: each hit restates a real item recorded from the HN Firebase API). The route pools
// their hits and filters them per request, so any author tag or site query the hits support is
// answered, not only the exact requests the files were written for; the envelope is computed here.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { json, type RouteModule, type RouteRequest, type RouteResponse } from '../route-kit';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/api/hackernews/algolia/', import.meta.url));

interface Hit {
  objectID: string;
  created_at_i: number;
  _tags: string[];
  url?: string | null;
  title?: string | null;
  author: string;
  story_text?: string | null;
  comment_text?: string | null;
}

let cached: Hit[] | undefined;

function pool(): Hit[] {
  if (cached) return cached;
  const byId = new Map<string, Hit>();
  for (const file of readdirSync(FIXTURES).filter((name) => name.endsWith('.json'))) {
    const { hits } = JSON.parse(readFileSync(FIXTURES + file, 'utf8')) as { hits: Hit[] };
    for (const hit of hits) byId.set(hit.objectID, hit);
  }
  cached = [...byId.values()];
  return cached;
}

/** Algolia's `tags`: comma-separated filters that must all hold; one in parentheses holds if any of its parts does. */
function matchesTags(hit: Hit, tags: string): boolean {
  const groups = tags.match(/\([^)]*\)|[^,]+/g) ?? [];
  return groups.every((group) => {
    const options = group.replace(/^\(|\)$/g, '').split(',').map((tag) => tag.trim()).filter(Boolean);
    return options.length === 0 || options.some((tag) => hit._tags.includes(tag));
  });
}

function matchesQuery(hit: Hit, query: string, restrict: string | null): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const attributes = restrict ? restrict.split(',').map((name) => name.trim()) : ['title', 'url', 'author', 'story_text', 'comment_text'];
  const haystack = attributes.map((name) => String(hit[name as keyof Hit] ?? '')).join(' ').toLowerCase();
  return words.every((word) => haystack.includes(word));
}

function search(query: URLSearchParams, byDate: boolean): RouteResponse {
  const tags = query.get('tags') ?? '';
  const text = query.get('query') ?? '';
  const hitsPerPage = Math.min(1000, Math.max(1, Number.parseInt(query.get('hitsPerPage') ?? '20', 10) || 20));
  const page = Math.max(0, Number.parseInt(query.get('page') ?? '0', 10) || 0);
  const found = pool()
    .filter((hit) => matchesTags(hit, tags) && matchesQuery(hit, text, query.get('restrictSearchableAttributes')))
    .sort((a, b) => (byDate ? b.created_at_i - a.created_at_i : 0));
  return json({
    hits: found.slice(page * hitsPerPage, (page + 1) * hitsPerPage),
    nbHits: found.length,
    page,
    nbPages: Math.ceil(found.length / hitsPerPage),
    hitsPerPage,
    exhaustiveNbHits: true,
    query: text,
    params: query.toString(),
    processingTimeMS: 1,
  });
}

function handle(request: RouteRequest): RouteResponse | undefined {
  if (request.method !== 'GET') return undefined;
  if (request.path === '/api/v1/search_by_date') return search(request.query, true);
  if (request.path === '/api/v1/search') return search(request.query, false);
  return undefined;
}

export const hackerNewsRoute: RouteModule = { hosts: ['hn.algolia.com'], handle };
