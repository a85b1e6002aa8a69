/**
 * How long analysePost takes per post, over the demo posts and the recorded fixtures (Bluesky,
 * Mastodon, Hacker News, feed items as the company-site source stores them). Not a test: timings
 * depend on the machine. Run: `npx tsx scripts/bench/insights.ts [rounds]`.
 */
import * as esbuild from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { PostAnalysis } from '../../src/shared/insights';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'api');
const rounds = Number(process.argv[2] ?? 20);

// The analysis is bundled and minified as scripts/build.ts does for the background, so the load and
// run times are those of the code the extension ships, not of tsx transpiling it on the fly.
const bundle = await esbuild.build({
  absWorkingDir: root, entryPoints: ['src/background/insights/analyse-post.ts'], bundle: true, minify: true,
  format: 'esm', platform: 'neutral', target: 'es2022', write: false, logLevel: 'error',
});
const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-'));
const file = join(dir, 'analyse-post.mjs');
writeFileSync(file, bundle.outputFiles[0]?.contents ?? new Uint8Array());
const importStart = performance.now();
const { analysePost } = (await import(pathToFileURL(file).href)) as { analysePost: (text: string) => PostAnalysis };
const importMs = performance.now() - importStart;
rmSync(dir, { recursive: true, force: true });
const { demoFeed, demoProfiles } = await import('../demo/social-data');
const { htmlToText } = await import('../../src/background/sources/html-to-text');
const { parseFeed } = await import('../../src/background/sources/feed-parser');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Every string under a key that holds a post's words, HTML reduced to text as the sources do. */
function textsIn(value: unknown, out: string[]): void {
  if (Array.isArray(value)) for (const item of value) textsIn(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === 'string' && ['text', 'content', 'comment_text', 'story_text', 'title'].includes(key) && inner.trim()) {
        out.push(/<[a-z]/i.test(inner) ? htmlToText(inner).text : inner);
      } else textsIn(inner, out);
    }
  }
}

const corpus: { source: string; text: string }[] = [];
for (const { handle } of demoProfiles() as { handle: string }[]) {
  for (const item of demoFeed(handle) ?? []) corpus.push({ source: 'demo', text: (item as { post: { record: { text: string } } }).post.record.text });
}
// Wikidata and Gravatar fixtures hold labels and profiles, not posts.
for (const path of files(fixtures)) {
  const source = relative(fixtures, path).split('/')[0] ?? '?';
  if (source === 'wikidata' || source === 'gravatar') continue;
  if (path.endsWith('.json') && !path.endsWith('.headers.json')) {
    const texts: string[] = [];
    textsIn(JSON.parse(readFileSync(path, 'utf8')), texts);
    for (const text of texts) corpus.push({ source, text });
  } else if (source === 'feeds') {
    try {
      const feed = parseFeed(readFileSync(path, 'latin1'), 'https://example.com/feed', Date.now());
      for (const item of feed.items) corpus.push({ source, text: [item.title, item.summary].filter(Boolean).join('\n\n') });
    } catch {
      // A fixture kept for its failure (malformed XML) has no items to read.
    }
  }
}

const coldStart = performance.now();
analysePost(corpus[0]?.text ?? '');
const coldMs = performance.now() - coldStart;
for (const { text } of corpus) analysePost(text); // warm up

const times: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  for (const { text } of corpus) {
    const start = performance.now();
    analysePost(text);
    times.push(performance.now() - start);
  }
}
times.sort((a, b) => a - b);
const at = (q: number): string => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(3);
const lengths = corpus.map(({ text }) => text.length).sort((a, b) => a - b);
const bySource = Object.entries(corpus.reduce<Record<string, number>>((counts, { source }) => ({ ...counts, [source]: (counts[source] ?? 0) + 1 }), {}));

console.log(`posts: ${corpus.length} (${bySource.map(([source, n]) => `${source} ${n}`).join(', ')}), ` +
  `length median ${lengths[lengths.length >> 1]} chars, max ${lengths[lengths.length - 1]}`);
console.log(`bundle: ${(bundle.outputFiles[0]?.contents.length ?? 0) / 1000} kB minified; ` +
  `load (compromise lexicon, AFINN): ${importMs.toFixed(1)} ms; first call: ${coldMs.toFixed(1)} ms`);
console.log(`per post over ${rounds} rounds (${times.length} calls): p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
