// The sidebar people read, end to end in Chromium and Firefox with the BUILT extension: the demo
// world (a Gmail replica and a fake Bluesky with demo people, written here: scripts/demo/) shows the
// exact card, tiers, posts, talking points and needs-attention flag; the user's verdicts survive a
// browser restart; the call brief's Markdown is exact; screenshots are written to artifacts/.

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { demoBluesky, demoMailbox } from '../../scripts/demo/demo-api';
import type { BrowserName } from './harness/browsers';
import { openExtensionPage } from './harness/browsers';
import { startFakeServer, type FakeServer } from './harness/fake-server';
import {
  eventually, launchWithExtension, onboard, openMail, openPopup, sidebarFrame, texts, type KeptProfile, type RunningExtension,
} from './support/extension';

const SHOTS = resolve(import.meta.dirname, '../../artifacts/screenshots');
const MAYA_THREAD = 'https://mail.google.com/mail/u/0/#inbox/18f4a2c1d3e5b706';

let server: FakeServer;

beforeAll(async () => {
  server = await startFakeServer({ port: 443, routes: { 'public.api.bsky.app': demoBluesky } });
  server.setStatic('mail.google.com', demoMailbox);
  await mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
  await server?.close();
});

async function personCard(frame: Frame) {
  return {
    name: await texts(frame, '[data-testid="person-name"]'),
    role: await texts(frame, '[data-testid="person-role"]'),
    identities: await texts(frame, '[data-testid="identities"] [data-testid="identity-handle"]'),
    badges: await texts(frame, '[data-testid="identities"] [data-testid="identity-badge"]'),
    company: await texts(frame, '[data-testid="company-identities"] [data-testid="identity-handle"]'),
    posts: await texts(frame, '[data-testid="posts"] [data-testid="post-text"]'),
    companyPosts: await texts(frame, '[data-testid="company-posts"] [data-testid="post-text"]'),
    attention: await texts(frame, '[data-testid="attention-item"] .attention-why'),
    points: await texts(frame, '[data-testid="talking-point"]'),
  };
}

async function selectParticipant(frame: Frame, name: string) {
  const buttons = await frame.$$('.participant');
  for (const button of buttons) {
    if ((await button.$eval('.name', (el) => el.textContent)) === name) return button.click();
  }
  throw new Error(`no participant ${name}`);
}

describe.each<BrowserName>(['chromium', 'firefox'])('the sidebar in %s', (name) => {
  let ext: RunningExtension;
  let profile: KeptProfile;

  beforeAll(async () => {
    server.reset();
    profile = { userDataDir: await mkdtemp(join(tmpdir(), `earshot-${name}-profile-`)), uuid: randomUUID() };
    ext = await launchWithExtension(name, server.port, profile);
    await onboard(ext);
    const popup = await openPopup(ext);
    await popup.type('#brands-input', 'Contoso');
    await popup.click('#brands-add');
    await eventually(() => texts(popup, '[data-testid="brands"] .entry-text'), (entries) => entries.join() === 'Contoso');
    await popup.close();
  });
  afterAll(async () => {
    await ext?.close();
    if (profile) await rm(profile.userDataDir, { recursive: true, force: true });
  });

  it('shows the sender\'s card, tiers, posts, talking points and the needs-attention flag', async () => {
    const page = await openMail(ext, MAYA_THREAD);
    const frame = await sidebarFrame(page, ext.origin);
    await eventually(() => texts(frame, '.participant .name'), (names) => names.join() === 'Maya Okafor,Leo Brandt');
    const card = await eventually(() => personCard(frame), (c) => c.posts.length === 3 && c.companyPosts.length === 1);
    expect(card.name).toEqual(['Maya Okafor']);
    expect(card.identities).toEqual(['maya.northwind-labs.com']);
    expect(card.badges).toEqual(['Domain-verified']);
    expect(card.company).toEqual(['northwind-labs.com']);
    expect(card.posts).toEqual([
      'Three weeks into evaluating new analytics vendors. The onboarding at Contoso is honestly frustrating: two days and still no working export. #procurement',
      'Great panel at #SupplyChainSummit today on forecasting under uncertainty. Slides here:',
      'We are hiring two data engineers in Lisbon. Remote-friendly, real problems, kind team.',
    ]);
    expect(card.companyPosts).toEqual(['Northwind Forecast 4.2 is out: faster scenario runs and a new supplier-risk view.']);
    expect(card.attention).toHaveLength(1);
    expect(card.attention[0]).toMatch(/^Mentions Contoso negatively · /);
    expect(card.points).toEqual([
      'analytics vendor 1', 'data engineer 1', 'export 1', 'forecasting 1', 'onboarding 1', 'panel 1', 'problem 1', 'team 1',
      '#procurement 1', '#SupplyChainSummit 1', 'Contoso 1',
    ]);
    await page.setViewport({ width: 1360, height: 900 });
    await page.screenshot({ path: join(SHOTS, `${name}-sidebar-light.png`) });
    // Firefox's WebDriver BiDi cannot emulate the colour scheme: the dark screenshot comes from Chromium.
    if (name === 'chromium') {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      await page.screenshot({ path: join(SHOTS, `${name}-sidebar-dark.png`) });
    }
    await page.close();
  });

  it('follows the open conversation in the browser\'s own side panel page, and fits 320 px', async () => {
    const page = await openMail(ext, MAYA_THREAD);
    await sidebarFrame(page, ext.origin);
    const panel = await openExtensionPage(ext.browser, ext.origin, 'sidebar.html');
    await panel.setViewport({ width: 320, height: 900 });
    await eventually(() => texts(panel, '[data-testid="person-name"]'), (names) => names.join() === 'Maya Okafor');
    await eventually(() => texts(panel, '[data-testid="posts"] [data-testid="post-text"]'), (posts) => posts.length === 3);
    const overflow = await panel.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await panel.screenshot({ path: join(SHOTS, `${name}-sidebar-narrow.png`) });
    await panel.close();
    await page.close();
  });

  it('keeps confirm, reject and an added handle across a browser restart', async () => {
    let page = await openMail(ext, MAYA_THREAD);
    let frame = await sidebarFrame(page, ext.origin);
    await eventually(() => texts(frame, '[data-testid="identities"] [data-testid="identity-handle"]'), (h) => h.length === 1);
    await (await frame.$('[data-testid="identities"] [data-testid="confirm"]'))?.click();
    await eventually(() => frame.$$('[data-testid="identities"] [data-testid="confirm"]'), (buttons) => buttons.length === 0);

    await eventually(() => texts(frame, '.participant .name'), (names) => names.length === 2);
    await selectParticipant(frame, 'Leo Brandt');
    await eventually(() => texts(frame, '[data-testid="person-name"]'), (n) => n.join() === 'Leo Brandt');
    await frame.click('[data-testid="add-handle-open"]');
    await frame.waitForSelector('.add-handle input');
    await frame.type('.add-handle input', 'leo-brandt.bsky.social');
    await frame.click('.add-handle button[type="submit"]');
    await eventually(() => texts(frame, '[data-testid="identities"] [data-testid="identity-badge"]'), (b) => b.join() === 'Added by you');
    await eventually(() => texts(frame, '[data-testid="posts"] [data-testid="post-text"]'), (p) => p.length === 1);
    await page.close();
    await ext.close();
    ext = await launchWithExtension(name, server.port, profile);
    page = await openMail(ext, MAYA_THREAD);
    frame = await sidebarFrame(page, ext.origin);
    await eventually(() => texts(frame, '[data-testid="identities"] [data-testid="identity-handle"]'), (h) => h.length === 1);
    expect(await frame.$$('[data-testid="identities"] [data-testid="confirm"]')).toHaveLength(0);
    await eventually(() => texts(frame, '.participant .name'), (names) => names.length === 2);
    await selectParticipant(frame, 'Leo Brandt');
    await eventually(() => texts(frame, '[data-testid="person-name"]'), (n) => n.join() === 'Leo Brandt');
    expect(await eventually(() => texts(frame, '[data-testid="identities"] [data-testid="identity-handle"]'), (h) => h.length === 1))
      .toEqual(['leo-brandt.bsky.social']);
    await (await frame.$('[data-testid="identities"] [data-testid="reject"]'))?.click();
    await eventually(() => texts(frame, '[data-testid="identities"] [data-testid="identity-handle"]'), (h) => h.length === 0);
    await page.close();
  });

  it('prints a call brief whose Markdown is exact', async () => {
    const brief: Page = await openExtensionPage(ext.browser, ext.origin, `brief.html?person=${encodeURIComponent('maya@northwind-labs.com')}`);
    await brief.waitForSelector('[data-testid="brief-markdown"]');
    const markdown = await brief.$eval('[data-testid="brief-markdown"]', (el) => el.textContent ?? '');
    // The demo posts are dated relative to the moment they were served (scripts/demo/social-data.ts).
    const day = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString().slice(0, 10);
    const post = (key: string) => `https://bsky.app/profile/maya.northwind-labs.com/post/${key}`;
    const complaint = 'Three weeks into evaluating new analytics vendors. The onboarding at Contoso is honestly frustrating: two days and still no working export. #procurement';
    expect(markdown).toBe([
      '# Maya Okafor',
      '',
      // From her own signature in the demo conversation (no source publishes her title).
      'VP Partnerships, Northwind Labs',
      '',
      'maya@northwind-labs.com',
      '',
      '> VP Partnerships at Northwind Labs. Supply-chain data, coffee, and long bike rides.',
      '',
      '## Identities',
      '- bluesky: [maya.northwind-labs.com](https://bsky.app/profile/maya.northwind-labs.com) (Domain-verified)',
      '',
      '## Talking points',
      '- Topics: analytics vendor (1), data engineer (1), export (1), forecasting (1), onboarding (1), panel (1), problem (1), team (1)',
      '- Hashtags: #procurement (1), #SupplyChainSummit (1)',
      '- Organisations: Contoso (1)',
      '',
      '## Needs attention',
      `- ${day(3)} mentions Contoso: "${complaint}" (${post('3demo023')})`,
      '',
      '## Recent posts',
      `- ${day(3)} (bluesky): ${complaint} (${post('3demo023')})`,
      `- ${day(26)} (bluesky): Great panel at #SupplyChainSummit today on forecasting under uncertainty. Slides here: (${post('3demo123')})`,
      `- ${day(70)} (bluesky): We are hiring two data engineers in Lisbon. Remote-friendly, real problems, kind team. (${post('3demo223')})`,
      '',
      '## Company',
      '- bluesky: [Northwind Labs](https://bsky.app/profile/northwind-labs.com)',
      `- ${day(20)}: Northwind Forecast 4.2 is out: faster scenario runs and a new supplier-risk view. (https://bsky.app/profile/northwind-labs.com/post/3demo018)`,
      '',
      `_Brief made by Earshot on ${day(0)} from public sources._`,
      '',
    ].join('\n'));
    await brief.setViewport({ width: 900, height: 1100 });
    await brief.screenshot({ path: join(SHOTS, `${name}-brief.png`), fullPage: true });
    await brief.close();
  });
});
