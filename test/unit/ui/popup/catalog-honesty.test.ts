import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GITHUB_EMAIL_SEARCH, SOURCE_CATALOG } from '../../../../src/shared/sources-catalog';
import { ALL_SOURCES } from '../../../../src/background/sources/registry';
import type { IdentifierKind } from '../../../../src/shared/domain';

/**
 * What the popup and the first-run page say each source sends must be what the code declares to the
 * audit log. Each request names its identifier kind as a literal in the source's own files; this reads
 * them from the code and compares.
 */
const SOURCES_DIR = resolve(import.meta.dirname, '../../../../src/background/sources');
const KINDS = /(?:getJson|getText|getBytes|fetchFeedText|webfinger)\([^;]*?'(hash|address|domain|handle|name|id|none)'/gs;

function declaredKinds(prefix: string): Set<IdentifierKind> {
  const kinds = new Set<IdentifierKind>();
  for (const file of readdirSync(SOURCES_DIR).filter((name) => name.startsWith(prefix) && name.endsWith('.ts'))) {
    for (const match of readFileSync(resolve(SOURCES_DIR, file), 'utf8').matchAll(KINDS)) kinds.add(match[1] as IdentifierKind);
  }
  return kinds;
}

const FILE_PREFIX: Record<string, string> = {
  bluesky: 'bluesky', gravatar: 'gravatar', mastodon: 'mastodon', github: 'github', hackernews: 'hackernews',
  wikidata: 'wikidata', companySite: 'company-site',
};

describe('the source catalogue tells the truth', () => {
  it('lists every registered source, and a source reaching run-time hosts says it needs permission', () => {
    expect(SOURCE_CATALOG.map((s) => s.id).sort()).toEqual(ALL_SOURCES.map((s) => s.id).sort());
    for (const source of ALL_SOURCES) {
      const info = SOURCE_CATALOG.find((s) => s.id === source.id);
      expect(Boolean(info?.needsPermission), source.id).toBe(Boolean(source.needsHostPermission));
      expect(info?.hosts.includes('*'), source.id).toBe(Boolean(source.needsHostPermission));
    }
  });

  it('says what each source sends, as its requests declare it', () => {
    for (const info of SOURCE_CATALOG) {
      const declared = declaredKinds(FILE_PREFIX[info.id] as string);
      // Mastodon's WebFinger takes its kind as an argument: the call site passes 'address'.
      const claimed = new Set<IdentifierKind>(info.id === 'github' ? [...info.sends, ...GITHUB_EMAIL_SEARCH.sends] : info.sends);
      expect([...declared].sort(), info.id).toEqual([...claimed].sort());
    }
  });

  it('names the hosts the code calls', () => {
    const code = (prefix: string) => readdirSync(SOURCES_DIR).filter((n) => n.startsWith(prefix)).map((n) => readFileSync(resolve(SOURCES_DIR, n), 'utf8')).join('\n');
    for (const info of SOURCE_CATALOG.filter((s) => !s.hosts.includes('*'))) {
      for (const host of info.hosts) expect(code(FILE_PREFIX[info.id] as string), `${info.id} → ${host}`).toContain(`https://${host}`);
    }
  });
});
