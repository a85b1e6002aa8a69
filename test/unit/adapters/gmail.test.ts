// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { selfFromTitle } from '../../../src/content/adapters/gmail/account';
import { gmailAdapter } from '../../../src/content/adapters/gmail/gmail';
import { parseGmailDate } from '../../../src/content/adapters/gmail/message-date';
import { threadIdFromHash } from '../../../src/content/adapters/gmail/route';
import { hexFromPermId } from '../../../src/content/adapters/gmail/thread-id';
import { readThread, type ReadResult } from '../../../src/content/adapters/types';
import type { Participant, ParticipantRole, ThreadContext } from '../../../src/shared/thread';

// Paths, not URLs: under happy-dom the global URL is the page's, which node:fs does not accept.
const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, '../../fixtures/mail/gmail');
const REAL_CAPTURE = join(HERE, '../../fixtures/mail/real/gmail__inboxsdk__injected-thread-identifier.html');
const DEMO = join(HERE, '../../../scripts/demo/mailbox');

/** A Gmail URL whose hash holds an opaque id, so a thread id taken from the page is visibly not the URL's. */
const OPAQUE_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmnbVcRZhGqLpBtTwNxS';
const JANE = 'jane@harborview.example';

function load(name: string): Document {
  return parse(readFileSync(join(FIXTURES, name), 'utf8'));
}

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

function read(doc: Document, url = OPAQUE_URL): ReadResult {
  return gmailAdapter.read(doc, new URL(url));
}

function thread(doc: Document, url = OPAQUE_URL): ThreadContext {
  const result = read(doc, url);
  if (result.kind !== 'thread') throw new Error(`expected a thread, got ${JSON.stringify(result)}`);
  // The bodies are read and tested on their own (bodies.test.ts); these tests are about who is in it.
  const { bodies: _bodies, ...thread } = result.thread;
  return thread;
}

/** Gmail's date titles are local time; the expected ISO string is built the same way. */
function local(year: number, month: number, day: number, hour: number, minute: number): string {
  return new Date(year, month - 1, day, hour, minute).toISOString();
}

function person(
  name: string,
  email: string | null,
  roles: ParticipantRole[],
  messageCount: number,
  lastMessageAt: string | null = null,
  isPerson = true,
): Participant {
  return { name, email, roles, messageCount, isPerson, lastMessageAt };
}

const THREAD_PAGES = [
  'conversation-current.html',
  'conversation-older-table.html',
  'split-pane.html',
  'collapsed-older-messages.html',
  'just-sent.html',
  'google-groups-via.html',
  'role-address-sender.html',
  'forty-messages.html',
];
const NONE_PAGES = ['inbox-list.html', 'settings.html', 'split-pane-empty.html'];
const UNREADABLE_PAGES = ['broken-no-senders.html', 'unknown-conversation-container.html'];
const URLS: Record<string, string> = {
  'conversation-older-table.html': 'https://mail.google.com/mail/u/1/#label/Clients/1847c9e0b1f2a3d4',
  'inbox-list.html': 'https://mail.google.com/mail/u/0/#inbox',
  'settings.html': 'https://mail.google.com/mail/u/0/#settings/general',
  'split-pane-empty.html': 'https://mail.google.com/mail/u/0/#inbox',
};
const urlOf = (page: string): string => URLS[page] ?? OPAQUE_URL;

describe('Gmail adapter: conversations', () => {
  it('reads the current conversation view (.a98.iY): 3 messages, 2 senders, To/Cc from the details table', () => {
    expect(thread(load('conversation-current.html'))).toEqual({
      client: 'gmail',
      threadId: '1928a4c3e5f60b17',
      subject: 'Q3 freight rate renewal 📦 revised proposal',
      participants: [
        // Two messages (one collapsed); "to" from Alicia's summary line, which does not separate Cc.
        person('Tomás Reyes', 'tomas.reyes@brightline-freight.example', ['from', 'to'], 2, local(2024, 10, 9, 8, 47)),
        person('Alicia Wen', 'alicia.wen@brightline-freight.example', ['from', 'cc'], 1, local(2024, 10, 7, 15, 2)),
        person('Dev Patel', 'dev.patel@harborview.example', ['to', 'cc'], 0),
        // Only in the details table of the last message, not in any summary.
        person('Rosa Lindqvist', 'rosa.lindqvist@harborview.example', ['cc'], 0),
      ],
      self: JANE,
    } satisfies ThreadContext);
  });

  it('reads the same page identically for /mail/u/N/ and delegated /mail/b/ URLs', () => {
    const doc = load('conversation-current.html');
    const expected = thread(doc);
    expect(thread(doc, 'https://mail.google.com/mail/u/3/#label/Vendors/FMfcgzQXJWDsKmnbVcRZhGqLpBtTwNxS')).toEqual(expected);
    expect(thread(doc, 'https://mail.google.com/mail/b/AKxkPq2s/u/0/#inbox/1928a4c3e5f60b17')).toEqual(expected);
  });

  it('reads the older table layout (table.Bs), en-GB dates, and takes the id from the URL when the page has none', () => {
    expect(thread(load('conversation-older-table.html'), URLS['conversation-older-table.html'])).toEqual({
      client: 'gmail',
      threadId: '1847c9e0b1f2a3d4',
      subject: 'Site survey for the Aarhus depot rooftop',
      participants: [
        // The first message is collapsed and has no data-message-id: found by `div.adf.ads`.
        person('Henrik Olsen', 'henrik@nordlys-energy.example', ['from', 'to'], 2, local(2022, 11, 15, 8, 10)),
        person('Mina Farouk', 'mina.farouk@nordlys-energy.example', ['to', 'cc'], 0),
      ],
      self: JANE,
    } satisfies ThreadContext);
  });

  it('reads the conversation of the split pane and ignores the list rows beside it', () => {
    expect(thread(load('split-pane.html'))).toEqual({
      client: 'gmail',
      threadId: '1931b0e7d24c9a58',
      subject: 'Demo request: Harborview warehouse pilot',
      participants: [
        person('Kenji Watanabe', 'kenji@sakura-robotics.example', ['from'], 1, local(2024, 10, 17, 11, 20)),
        person('Harborview Sales', 'sales@harborview.example', ['cc'], 0, null, false),
      ],
      self: JANE,
    } satisfies ThreadContext);
  });

  it('counts collapsed messages and skips the ones hidden under "4 older messages"', () => {
    expect(thread(load('collapsed-older-messages.html'))).toEqual({
      client: 'gmail',
      threadId: '192f7c1a9be04d36',
      subject: 'Cold-chain audit: corrective actions',
      participants: [
        person('Grace Liu', 'grace.liu@meridian-health.example', ['from'], 2, local(2024, 10, 11, 9, 58)),
        person('Owen Park', 'owen.park@meridian-health.example', ['from', 'to'], 1, local(2024, 10, 10, 14, 31)),
        person('Farah Haddad', 'farah.haddad@meridian-health.example', ['to'], 0),
      ],
      self: JANE,
    } satisfies ThreadContext);
  });

  it('reads a message just sent (data-message-id, no legacy id) with its To, Cc and Bcc', () => {
    const doc = load('just-sent.html');
    expect(doc.querySelectorAll('[data-message-id]:not([data-legacy-message-id])')).toHaveLength(1);
    expect(thread(doc)).toEqual({
      client: 'gmail',
      threadId: '193a2d5f8c1e7b40',
      subject: 'Signage for the new Tilburg hub',
      participants: [
        person('Marta Quintero', 'marta@quintero-design.example', ['from', 'to'], 1, local(2024, 11, 4, 13, 26)),
        person('Ben Adler', 'ben.adler@harborview.example', ['cc'], 0),
        person('Priscilla Moore', 'priscilla.moore@harborview.example', ['bcc'], 0),
      ],
      self: JANE,
    } satisfies ThreadContext);
  });

  it('takes the person from "via" senders and Groups rewrites, and keeps the list as a recipient', () => {
    expect(thread(load('google-groups-via.html'))).toEqual({
      client: 'gmail',
      // Only data-thread-perm-id="thread-f:1812109629048122515" on this page.
      threadId: '1925e81b4d7a6c93',
      subject: '[platform-guild] Proposal: shared staging cluster for Q1',
      participants: [
        person('Dana Whitfield', 'dana@fieldstone.example', ['from', 'cc'], 1, local(2024, 9, 23, 8, 30)),
        // "'Omar Haddad' via Platform Guild <platform-guild@…>": the address from the Reply-To row.
        person('Omar Haddad', 'omar.haddad@kestrel-analytics.example', ['from'], 1, local(2024, 9, 23, 11, 12)),
        // Rewritten and collapsed, so no Reply-To in the DOM: known by name only.
        person('Lucía Romero', null, ['from'], 1, local(2024, 9, 24, 9, 3)),
        person('Platform Guild', 'platform-guild@googlegroups.com', ['to'], 0, null, false),
      ],
      self: JANE,
    } satisfies ThreadContext);
  });

  it('marks role addresses as not a person (notifications@github.com, noreply hosts)', () => {
    expect(thread(load('role-address-sender.html'))).toEqual({
      client: 'gmail',
      threadId: '19304c7e2a9b1f65',
      subject: 'Re: [harborview/dock-scheduler] Retry failed webhooks with backoff (PR #318)',
      participants: [
        // One address, three actors' names: the first name shown is kept.
        person('Priya Raman', 'notifications@github.com', ['from'], 3, local(2024, 10, 15, 7, 52), false),
        person('harborview/dock-scheduler', 'dock-scheduler@noreply.github.com', ['to'], 0, null, false),
        person('Mention', 'mention@noreply.github.com', ['cc'], 0, null, false),
      ],
      self: JANE,
    } satisfies ThreadContext);
  });

  it('reads a 40-message conversation with signatures, quoted text and inline images', () => {
    const doc = load('forty-messages.html');
    expect(doc.querySelectorAll('[data-message-id]')).toHaveLength(40);
    expect(doc.querySelectorAll('.gmail_quote blockquote, blockquote.gmail_quote').length).toBe(39);
    expect(doc.querySelectorAll('img[data-bit=iit]').length).toBeGreaterThan(0);
    const context = thread(doc);
    expect(context).toEqual({
      client: 'gmail',
      threadId: '191f0a6c3e8d2b74',
      subject: 'Orbital Cargo onboarding — weekly thread',
      participants: [
        person('Nadia Petrova', 'nadia.petrova@orbitalcargo.example', ['from', 'to'], 11, local(2024, 9, 27, 14, 33)),
        person('Felix Wagner', 'felix.wagner@orbitalcargo.example', ['from', 'to', 'cc'], 6, local(2024, 9, 27, 9, 26)),
        person('Samira Bakr', 'samira.bakr@harborview.example', ['from', 'to', 'cc'], 5, local(2024, 9, 26, 14, 19)),
        person('Tom Brennan', 'tom.brennan@orbitalcargo.example', ['from', 'to', 'cc'], 5, local(2024, 9, 25, 9, 58)),
        person('Orbital Cargo Support', 'support@orbitalcargo.example', ['from'], 1, local(2024, 9, 17, 9, 34), false),
        person('Harborview Legal', 'legal@harborview.example', ['cc'], 0, null, false),
      ],
      self: JANE,
    } satisfies ThreadContext);
    // Jane wrote the other 12 of the 40 messages.
    expect(context.participants.reduce((sum, p) => sum + p.messageCount, 0)).toBe(28);
  });

  it.each(THREAD_PAGES)('%s: nobody twice, and the signed-in user only as self', (page) => {
    const context = thread(load(page), urlOf(page));
    const keys = context.participants.map((p) => p.email ?? `name:${p.name.toLowerCase()}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(context.self).toBe(JANE);
    expect(keys).not.toContain(JANE);
  });
});

describe('Gmail adapter: pages without a conversation', () => {
  it.each(NONE_PAGES)('%s gives none', (page) => {
    const doc = load(page);
    expect(read(doc, urlOf(page))).toEqual({ kind: 'none' });
    expect(readThread(gmailAdapter, doc, new URL(urlOf(page)))).toBeNull();
    expect(gmailAdapter.dockAnchor(doc)).toBeNull();
  });

  it('gives none for the inbox list although a conversation read before is still in the DOM, hidden', () => {
    const doc = load('inbox-list.html');
    expect(doc.querySelectorAll('.a98.iY [data-message-id] span.gD[email]').length).toBeGreaterThan(0);
    expect(read(doc, urlOf('inbox-list.html'))).toEqual({ kind: 'none' });
  });

  it('gives null for the real 2014 inbox capture', () => {
    const doc = parse(readFileSync(REAL_CAPTURE, 'utf8'));
    expect(doc.querySelectorAll('tr.zA').length).toBe(16);
    const url = new URL('https://mail.google.com/mail/u/0/#inbox');
    expect(gmailAdapter.read(doc, url)).toEqual({ kind: 'none' });
    expect(readThread(gmailAdapter, doc, url)).toBeNull();
  });

  it('gives none while Gmail is loading (no main area yet)', () => {
    const doc = parse('<html><head><title>Gmail</title></head><body><div id="loading">Loading…</div></body></html>');
    expect(read(doc)).toEqual({ kind: 'none' });
  });
});

describe('Gmail adapter: pages it cannot read', () => {
  it('names the sender selector when messages have no sender span', () => {
    expect(read(load('broken-no-senders.html'))).toEqual({
      kind: 'unreadable',
      failedSelector: 'sender: h3 span[email] | td.gF span[email] | span.gD[email]',
    });
  });

  it('names the conversation selector when a conversation is open but its container is unknown', () => {
    expect(read(load('unknown-conversation-container.html'))).toEqual({
      kind: 'unreadable',
      failedSelector: 'conversation: .g.id .a98.iY | .aia .ao9 .a98.iY | .aia .ao9 .apa | .g.id table.Bs',
    });
  });

  it.each(UNREADABLE_PAGES)('%s gives null through readThread', (page) => {
    expect(readThread(gmailAdapter, load(page), new URL(OPAQUE_URL))).toBeNull();
  });
});

describe('Gmail adapter: watch targets and dock', () => {
  const ALL_PAGES = [...THREAD_PAGES, ...NONE_PAGES, ...UNREADABLE_PAGES];

  it.each(ALL_PAGES)('%s: style-only on the views, childList-only elsewhere, never a subtree', (page) => {
    const doc = load(page);
    const targets = gmailAdapter.watchTargets(doc);
    expect(targets.length).toBeGreaterThan(0);
    for (const { element, options } of targets) {
      expect(element).not.toBe(doc.body);
      expect(options.subtree).toBeUndefined();
      if (options.attributes) {
        expect(options).toEqual({ attributes: true, attributeFilter: ['style'] });
        expect(element.parentElement?.matches('div.aeF > div.nH')).toBe(true);
      } else {
        expect(options).toEqual({ childList: true });
      }
    }
  });

  it('watches the message list of the open conversation, where a sent reply appears', () => {
    const doc = load('just-sent.html');
    const lists = gmailAdapter.watchTargets(doc).filter((target) => target.options.childList);
    expect(lists).toHaveLength(1);
    expect(lists[0]?.element.querySelector('[data-message-id="#msg-a:r-5203977118650331214"]')).not.toBeNull();
  });

  it('watches the preview pane in split mode', () => {
    const targets = gmailAdapter.watchTargets(load('split-pane-empty.html'));
    expect(targets.some((target) => target.element.matches('.aia .ao9') && target.options.childList)).toBe(true);
  });

  it('falls back to the body children (no subtree) before Gmail has built its views', () => {
    const doc = parse('<html><body><div>Loading…</div></body></html>');
    expect(gmailAdapter.watchTargets(doc)).toEqual([{ element: doc.body, options: { childList: true } }]);
  });

  it.each(THREAD_PAGES)('%s: docks beside the main area of the conversation', (page) => {
    const doc = load(page);
    expect(gmailAdapter.dockAnchor(doc)?.getAttribute('role')).toBe('main');
  });
});

describe('Gmail adapter: helpers', () => {
  it('parses the date titles Gmail writes and refuses the rest', () => {
    expect(parseGmailDate('Tue, Oct 8, 2024, 9:14\u202fAM')).toBe(local(2024, 10, 8, 9, 14));
    expect(parseGmailDate('Thu, Dec 18, 2014 at 12:35 PM')).toBe(local(2014, 12, 18, 12, 35));
    expect(parseGmailDate('Sat, Jan 4, 2025, 12:05 AM')).toBe(local(2025, 1, 4, 0, 5));
    expect(parseGmailDate('Mon, 14 Nov 2022, 16:02')).toBe(local(2022, 11, 14, 16, 2));
    expect(parseGmailDate('Mo., 14. Nov. 2022, 16:02')).toBeNull();
    expect(parseGmailDate('Feb 31, 2024, 9:00 AM')).toBeNull();
    expect(parseGmailDate('2 hours ago')).toBeNull();
  });

  it('reads the signed-in address from the window title', () => {
    expect(selfFromTitle('Inbox (3) - jane@acme.com - Acme Mail')).toBe('jane@acme.com');
    expect(selfFromTitle('Re: ask bob@x.com - Q3 - Jane@Acme.com - Gmail')).toBe('jane@acme.com');
    expect(selfFromTitle('Inbox - boss@acme.com (delegated) - Gmail')).toBe('boss@acme.com');
    expect(selfFromTitle('Gmail')).toBeNull();
  });

  it('turns thread-f perm ids into the legacy hex id', () => {
    expect(hexFromPermId('thread-f:1812109629048122515')).toBe('1925e81b4d7a6c93');
    expect(hexFromPermId('thread-a:r-123')).toBe('thread-a:r-123');
  });

  it('finds thread ids in hash routes only', () => {
    const at = (hash: string): string | null => threadIdFromHash(new URL(`https://mail.google.com/mail/u/0/${hash}`));
    expect(at('#inbox/1928a4c3e5f60b17')).toBe('1928a4c3e5f60b17');
    expect(at('#label/Clients/FMfcgzQXJWDsKmnbVcRZhGqLpBtTwNxS')).toBe('FMfcgzQXJWDsKmnbVcRZhGqLpBtTwNxS');
    expect(at('#search/renewal/FMfcgzQXJWDsKmnbVcRZhGqLpBtTwNxS')).toBe('FMfcgzQXJWDsKmnbVcRZhGqLpBtTwNxS');
    expect(at('#inbox')).toBeNull();
    expect(at('#settings/general')).toBeNull();
    expect(at('#search/quarterly+renewal')).toBeNull();
  });
});

describe('demo mailbox (scripts/demo/mailbox/gmail-demo.html)', () => {
  const SAM = 'sam@demo-earshot.test';

  async function openDemo(): Promise<Window> {
    const window = new Window({
      url: 'https://mail.google.com/mail/u/0/#inbox',
      settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
    });
    const html = readFileSync(join(DEMO, 'gmail-demo.html'), 'utf8')
      .replace(/<script src="gmail-demo\.js"><\/script>/, '')
      .replace(/<link rel="stylesheet"[^>]*>/, '');
    window.document.write(html);
    window.eval(readFileSync(join(DEMO, 'gmail-demo.js'), 'utf8'));
    await window.happyDOM.waitUntilComplete();
    return window;
  }

  async function go(window: Window, hash: string): Promise<ReadResult> {
    window.location.hash = hash;
    await window.happyDOM.waitUntilComplete();
    const result = gmailAdapter.read(window.document as unknown as Document, new URL(window.location.href));
    if (result.kind !== 'thread') return result;
    // Who is in it is what this test is about; the bodies are tested in bodies.test.ts.
    const { bodies: _bodies, ...thread } = result.thread;
    return { kind: 'thread', thread };
  }

  it('shows the inbox first and reads no conversation there', async () => {
    const window = await openDemo();
    expect(window.document.title).toBe(`Inbox (2) - ${SAM} - Gmail`);
    expect(gmailAdapter.read(window.document as unknown as Document, new URL(window.location.href))).toEqual({ kind: 'none' });
    await window.happyDOM.close();
  });

  it('routes to each of the three conversations and back, as Gmail does', async () => {
    const window = await openDemo();
    expect(await go(window, '#inbox/18f4a2c1d3e5b706')).toEqual({
      kind: 'thread',
      thread: {
        client: 'gmail',
        threadId: '18f4a2c1d3e5b706',
        subject: 'Northwind pilot: scope, pricing and next steps',
        participants: [
          person('Maya Okafor', 'maya@northwind-labs.com', ['from'], 2, local(2025, 3, 12, 10, 5)),
          person('Leo Brandt', 'leo@northwind-labs.com', ['cc'], 0),
        ],
        self: SAM,
      },
    });
    expect(window.document.title).toBe(`Northwind pilot: scope, pricing and next steps - ${SAM} - Gmail`);

    expect(await go(window, '#inbox/18f4b7e2a9c1d053')).toEqual({
      kind: 'thread',
      thread: {
        client: 'gmail',
        threadId: '18f4b7e2a9c1d053',
        subject: 'Lumencraft × Earshot: co-marketing webinar in April',
        participants: [person('Priya Natarajan', 'priya@lumencraft.io', ['from'], 1, local(2025, 3, 13, 14, 27))],
        self: SAM,
      },
    });

    expect(await go(window, '#inbox/18f4c0d8e2b7a194')).toEqual({
      kind: 'thread',
      thread: {
        client: 'gmail',
        threadId: '18f4c0d8e2b7a194',
        subject: '[northwind-labs/pilot-dashboard] Add CSV export for usage reports (PR #42)',
        participants: [person('GitHub', 'notifications@github.com', ['from'], 1, local(2025, 3, 14, 8, 3), false)],
        self: SAM,
      },
    });

    expect(await go(window, '#inbox')).toEqual({ kind: 'none' });
    await window.happyDOM.close();
  });

  it('flips the style of the watched views on navigation, so the watcher notices', async () => {
    const window = await openDemo();
    const doc = window.document as unknown as Document;
    const styleTargets = gmailAdapter.watchTargets(doc).filter((target) => target.options.attributes);
    expect(styleTargets).toHaveLength(4);
    const seen: string[] = [];
    const observer = new window.MutationObserver((records) => {
      for (const record of records) seen.push(String(record.attributeName));
    });
    for (const { element, options } of styleTargets) {
      observer.observe(element as unknown as Parameters<typeof observer.observe>[0], options);
    }
    await go(window, '#inbox/18f4b7e2a9c1d053');
    await new Promise((resolve) => setTimeout(resolve, 0));
    observer.disconnect();
    // The inbox view hides and the conversation view shows: two style mutations, nothing else.
    expect(seen).toEqual(['style', 'style']);
    await window.happyDOM.close();
  });
});
