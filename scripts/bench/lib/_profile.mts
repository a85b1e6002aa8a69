import * as esbuild from 'esbuild';
import { join } from 'node:path';
import { startFakeServer } from '../../../test/e2e/harness/fake-server';
import { launchPlainChromium, servePages, GMAIL_FORTY_ISOLATED_URL } from './pages';
import { ROOT } from './content-bundle';
const entry = `
import { gmailAdapter } from './adapters/gmail/gmail';
export function run(n: number, href: string) { const url = new URL(href); for (let i = 0; i < n; i++) { gmailAdapter.read(document, url); gmailAdapter.watchTargets(document); } }
export function timeParts(n: number, href: string) { const url = new URL(href); const r: number[] = [], w: number[] = [];
  for (let i = 0; i < n; i++) { let t = performance.now(); gmailAdapter.read(document, url); r.push(performance.now() - t); t = performance.now(); gmailAdapter.watchTargets(document); w.push(performance.now() - t); }
  r.sort((a,b)=>a-b); w.sort((a,b)=>a-b); return { read50: r[n>>1], read95: r[Math.floor(n*0.95)], wt50: w[n>>1], wt95: w[Math.floor(n*0.95)], nodes: document.getElementsByTagName('*').length }; }
`;
const out = await esbuild.build({ stdin: { contents: entry, resolveDir: join(ROOT, 'src/content'), loader: 'ts' }, bundle: true, write: false, format: 'iife', globalName: 'P', target: 'chrome120', minify: false, keepNames: false });
const code = out.outputFiles[0]!.text;
const server = await startFakeServer({ port: 0 });
servePages(server);
const plain = await launchPlainChromium(server.port);
const page = await plain.browser.newPage();
await page.goto(GMAIL_FORTY_ISOLATED_URL);
await page.evaluate(code);
console.log(await page.evaluate((h) => (globalThis as any).P.timeParts(300, h), GMAIL_FORTY_ISOLATED_URL));
const cdp = await page.createCDPSession();
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
await page.evaluate((h) => (globalThis as any).P.run(300, h), GMAIL_FORTY_ISOLATED_URL);
const { profile } = await cdp.send('Profiler.stop');
const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
const counts = new Map<number, number>();
for (const s of profile.samples!) counts.set(s, (counts.get(s) ?? 0) + 1);
for (const [id, c] of counts) { const n: any = byId.get(id); const key = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`; self.set(key, (self.get(key) ?? 0) + c); }
const total = profile.samples!.length;
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(100 * v / total).toFixed(1)}% ${k}`).join('\n'));
await plain.close(); await server.close();
