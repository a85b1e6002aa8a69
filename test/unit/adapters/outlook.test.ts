// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Participant, ThreadContext } from '../../../src/shared/thread';
import { readThread } from '../../../src/content/adapters/types';
import { outlookAdapter } from '../../../src/content/adapters/outlook/outlook';
import { HEADER_LABELS, labelRoleOf, stripLabel } from '../../../src/content/adapters/outlook/labels';
import { OUTLOOK_SELECTORS } from '../../../src/content/adapters/outlook/selectors';
import { parseSentDate } from '../../../src/content/adapters/outlook/sent-date';
import { itemIdFromUrl } from '../../../src/content/adapters/outlook/thread-id';
import { parsePersonText } from '../../../src/content/adapters/outlook/person';

// A path, not a URL object: under happy-dom the global URL is the DOM's, which node:fs does not take.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/mail/outlook/');

function load(file: string): Document {
  return new DOMParser().parseFromString(readFileSync(FIXTURES + file, 'utf8'), 'text/html');
}

const URLS = {
  en: 'https://outlook.office.com/mail/id/AAkALgAAAAAAHYQDEapmEc2byACqAC%2FEWg0AzN2f8Gl8ekGQpXb2XRK9KwAAB9QzWwAA',
  de: 'https://outlook.office.com/mail/inbox/id/AAkALgAAAAAAHYQDEapmEc2byACqAC%2FEWg0AzN2f8Gl8ekGQpXb2XRK9KwAAB9QzXAAA',
  fr: 'https://outlook.office365.com/mail/id/AAkALgAAAAAAHYQDEapmEc2byACqAC%2FEWg0AzN2f8Gl8ekGQpXb2XRK9KwAAB9QzXQAA',
  es: 'https://outlook.cloud.microsoft/mail/id/AAkALgAAAAAAHYQDEapmEc2byACqAC%2FEWg0AzN2f8Gl8ekGQpXb2XRK9KwAAB9QzXgAA',
  popout:
    'https://outlook.office.com/mail/deeplink/read/AAMkAGI2YzE4ZDc0LTkwMDItNDA2Ni1iNTg1LTI3NzQxOTJkOTM5OQBGAAAAAAC7%2BqJ9Q0lES6W0R1s4vN1aBwD1rI6R%2Bz1hQ5nS0cQ8kYx7AAAAAAEMAAD1rI6R%2Bz1hQ5nS0cQ8kYx7AAAF3bJ%2FAAA%3D?popoutv2=1',
  internal: 'https://outlook.office365.com/mail/0/inbox/id/AAQkADAwATM0MDAAMS1hYjI3LWQ0ZjQtMDACLTAwCgAQAJvO9k1dB5BKpF7b0Qv3m2w%3D',
  role: 'https://outlook.live.com/mail/id/AQMkADAwATM3ZmYAZS1kNTkAMS0yZDZjLTAwAi0wMAoARgAAA0Zq8wGmFkBJqm3A2Y%2BnT7cHAA%3D%3D',
  list: 'https://outlook.office.com/mail/inbox',
  settings: 'https://outlook.office.com/mail/options/mail/layout',
  broken: 'https://outlook.cloud.microsoft/mail/id/AAkALgAAAAAAHYQDEapmEc2byACqAC%2FEWg0AzN2f8Gl8ekGQpXb2XRK9KwAAB9QzYQAA',
} as const;

const SELF = 'jordan.avery@northwind.example';

// The people of the three-message conversation, the same in every language.
const DANA: Participant = {
  name: 'Dana Whitfield',
  email: 'dana.whitfield@fabrikam.example',
  roles: ['from', 'to'],
  messageCount: 1,
  isPerson: true,
  lastMessageAt: '2026-04-08T09:14:00',
};
const MARCUS: Participant = {
  name: 'Marcus Okafor',
  email: 'marcus.okafor@fabrikam.example',
  roles: ['from', 'cc'],
  messageCount: 1,
  isPerson: true,
  lastMessageAt: '2026-04-10T08:23:00',
};
const PRIYA_CC: Participant = { name: 'Priya Natarajan', email: null, roles: ['cc'], messageCount: 0, isPerson: true, lastMessageAt: null };
const LENA: Participant = {
  name: 'Lena Brandt',
  email: 'lena.brandt@contoso.example',
  roles: ['cc'],
  messageCount: 0,
  isPerson: true,
  lastMessageAt: null,
};

function thread(file: string, url: string): ThreadContext {
  const result = outlookAdapter.read(load(file), new URL(url));
  if (result.kind !== 'thread') throw new Error(`${file}: expected a thread, got ${JSON.stringify(result)}`);
  // The bodies are read and tested on their own (bodies.test.ts); these tests are about who is in it.
  const { bodies: _bodies, ...thread } = result.thread;
  return thread;
}

describe('outlook adapter: conversations', () => {
  it('reads the English reading pane: 3 messages, 4 participants, the user left out', () => {
    expect(thread('reading-pane-en.html', URLS.en)).toEqual({
      client: 'outlook',
      // The selected row's conversation id wins over the ItemID in the URL.
      threadId: 'AAQkAGY3NmM4ZTA1LWQ4NDQtNDQ3Ni1hZTJmLTZhYzdiNmE0NjE5OAAQAFvJ0Xx2qDdErq3T9wYh5Kc=',
      subject: 'Q2 rollout: pilot sites and training dates',
      // Newest first on the page, so Marcus (message 3) is the first sender; Jordan (message 2) is the user.
      participants: [MARCUS, DANA, PRIYA_CC, LENA],
      self: SELF,
    } satisfies ThreadContext);
  });

  it('reads the same conversation in the German UI', () => {
    expect(thread('reading-pane-de.html', URLS.de)).toEqual({
      client: 'outlook',
      threadId: 'AAQkAGY3NmM4ZTA1LWQ4NDQtNDQ3Ni1hZTJmLTZhYzdiNmE0NjE5OAAQAOq1fHk7qJpNnbXg2mT0Vq4=',
      subject: 'AW: Rollout Q2 – Pilotstandorte und Schulungstermine',
      participants: [MARCUS, DANA, PRIYA_CC, LENA],
      self: SELF,
    });
  });

  it('reads the same conversation in the French UI (no-break spaces before colons, addresses in title)', () => {
    expect(thread('reading-pane-fr.html', URLS.fr)).toEqual({
      client: 'outlook',
      threadId: 'AAQkAGY3NmM4ZTA1LWQ4NDQtNDQ3Ni1hZTJmLTZhYzdiNmE0NjE5OAAQAB3m9xRkU1ZFh0c4yPq8TWo=',
      subject: 'RE : Déploiement T2 – sites pilotes et dates de formation',
      participants: [MARCUS, DANA, PRIYA_CC, LENA],
      self: SELF,
    });
  });

  it('reads the same conversation in the Spanish UI, oldest first, addresses in aria-label', () => {
    expect(thread('reading-pane-es.html', URLS.es)).toEqual({
      client: 'outlook',
      threadId: 'AAQkAGY3NmM4ZTA1LWQ4NDQtNDQ3Ni1hZTJmLTZhYzdiNmE0NjE5OAAQAHd2Qw8pXk5JrTz1bC6fS0M=',
      subject: 'RE: Despliegue T2: sedes piloto y fechas de formación',
      participants: [DANA, MARCUS, PRIYA_CC, LENA],
      self: SELF,
    });
  });

  it('reads a pop-out window: id from the deeplink URL, self from the account control', () => {
    expect(thread('popout-read.html', URLS.popout)).toEqual({
      client: 'outlook',
      threadId:
        'AAMkAGI2YzE4ZDc0LTkwMDItNDA2Ni1iNTg1LTI3NzQxOTJkOTM5OQBGAAAAAAC7+qJ9Q0lES6W0R1s4vN1aBwD1rI6R+z1hQ5nS0cQ8kYx7AAAAAAEMAAD1rI6R+z1hQ5nS0cQ8kYx7AAAF3bJ/AAA=',
      subject: 'Porto training week – revised group booking',
      participants: [
        {
          name: 'Sofia Reyes',
          email: 'sofia.reyes@tailspin.example',
          roles: ['from'],
          messageCount: 1,
          isPerson: true,
          lastMessageAt: '2026-04-13T14:47:00',
        },
        { ...MARCUS, roles: ['cc'], messageCount: 0, lastMessageAt: null },
        {
          name: 'Hiroshi Tanaka',
          email: 'hiroshi.tanaka@tailspin.example',
          roles: ['cc'],
          messageCount: 0,
          isPerson: true,
          lastMessageAt: null,
        },
      ],
      self: SELF,
    });
  });

  it('keeps internal people by name with a null address, each once, counting their messages', () => {
    expect(thread('internal-sender.html', URLS.internal)).toEqual({
      client: 'outlook',
      // No selected row: the ItemID from /mail/0/inbox/id/…, decoded.
      threadId: 'AAQkADAwATM0MDAAMS1hYjI3LWQ0ZjQtMDACLTAwCgAQAJvO9k1dB5BKpF7b0Qv3m2w=',
      subject: 'Training room for the Q2 rollout',
      participants: [
        { name: 'Priya Natarajan', email: null, roles: ['from'], messageCount: 2, isPerson: true, lastMessageAt: '2026-04-14T10:05:00' },
        { name: 'Tomás Ibáñez', email: null, roles: ['to', 'cc'], messageCount: 0, isPerson: true, lastMessageAt: null },
      ],
      self: SELF,
    });
  });

  it('marks role addresses as not people and ignores the "+2" expander', () => {
    expect(thread('role-address.html', URLS.role)).toEqual({
      client: 'outlook',
      threadId: 'AAQkAGY3NmM4ZTA1LWQ4NDQtNDQ3Ni1hZTJmLTZhYzdiNmE0NjE5OAAQANRZc2l8d0xHq7w3mS1yQmI=',
      subject: 'Case 48213: replacement scanner dispatched',
      participants: [
        {
          name: 'Fabrikam Support',
          email: 'support@fabrikam.example',
          roles: ['from'],
          messageCount: 1,
          isPerson: false,
          lastMessageAt: '2026-03-02T11:47:00',
        },
        { name: 'Ana Kovač', email: 'ana.kovac@fabrikam.example', roles: ['cc'], messageCount: 0, isPerson: true, lastMessageAt: null },
        { name: '', email: 'no-reply@fabrikam.example', roles: ['cc'], messageCount: 0, isPerson: false, lastMessageAt: null },
      ],
      self: SELF,
    });
  });

  it('never lists anyone twice, never lists the user, on every conversation page', () => {
    const pages = [
      ['reading-pane-en.html', URLS.en],
      ['reading-pane-de.html', URLS.de],
      ['reading-pane-fr.html', URLS.fr],
      ['reading-pane-es.html', URLS.es],
      ['popout-read.html', URLS.popout],
      ['internal-sender.html', URLS.internal],
      ['role-address.html', URLS.role],
    ] as const;
    for (const [file, url] of pages) {
      const { participants } = thread(file, url);
      const keys = participants.map((p) => p.email ?? `name:${p.name}`);
      expect(new Set(keys).size, file).toBe(keys.length);
      expect(keys, file).not.toContain(SELF);
      expect(participants.map((p) => p.name), file).not.toContain('Jordan Avery');
    }
  });
});

describe('outlook adapter: no conversation, and pages it cannot read', () => {
  it('returns none for the message list with nothing open', () => {
    const doc = load('message-list-none.html');
    expect(outlookAdapter.read(doc, new URL(URLS.list))).toEqual({ kind: 'none' });
    expect(readThread(outlookAdapter, doc, new URL(URLS.list))).toBeNull();
  });

  it('returns none for the settings dialog', () => {
    expect(outlookAdapter.read(load('settings.html'), new URL(URLS.settings))).toEqual({ kind: 'none' });
  });

  it('returns unreadable, naming the registry key, when the pane has a conversation but no sender it knows', () => {
    expect(outlookAdapter.read(load('broken-no-sender.html'), new URL(URLS.broken))).toEqual({
      kind: 'unreadable',
      failedSelector: 'sender',
    });
  });

  it('returns unreadable "selectedRow" when neither the list nor the URL names the open conversation', () => {
    const doc = load('reading-pane-en.html');
    doc.querySelector('[aria-selected="true"][data-convid]')?.setAttribute('aria-selected', 'false');
    expect(outlookAdapter.read(doc, new URL(URLS.list))).toEqual({ kind: 'unreadable', failedSelector: 'selectedRow' });
  });

  it('returns none when there is no reading pane at all', () => {
    const doc = new DOMParser().parseFromString('<html><body><div role="listbox"></div></body></html>', 'text/html');
    expect(outlookAdapter.read(doc, new URL(URLS.list))).toEqual({ kind: 'none' });
  });
});

describe('outlook adapter: fallbacks when a build drops a hook', () => {
  it('finds messages by the localised "Von:" labels when headings lose their role', () => {
    const doc = load('reading-pane-de.html');
    for (const heading of doc.querySelectorAll('[role="heading"]')) heading.removeAttribute('role');
    // The collapsed message (Dana's) has no label and drops out; Jordan's own message is found and left out.
    expect(thread2(doc, URLS.de).participants).toEqual([
      MARCUS,
      { ...DANA, roles: ['to'], messageCount: 0, lastMessageAt: null },
      PRIYA_CC,
      LENA,
    ]);
  });

  it('finds From headings by their button when hover targets disappear', () => {
    const doc = load('reading-pane-en.html');
    for (const el of doc.querySelectorAll('[data-lpc-hover-target-id]')) el.removeAttribute('data-lpc-hover-target-id');
    // The collapsed message's heading has no button, so only the two expanded messages count.
    expect(thread2(doc, URLS.en).participants).toEqual([
      MARCUS,
      { ...DANA, roles: ['to'], messageCount: 0, lastMessageAt: null },
      PRIYA_CC,
      LENA,
    ]);
  });

  it('tells To from Cc by position when the label is in a language it does not know', () => {
    const doc = load('reading-pane-en.html');
    for (const label of doc.querySelectorAll('[data-testid="RecipientWell"] .pI6hD')) {
      label.textContent = label.textContent === 'To:' ? 'A:' : 'Cc:'; // Italian
    }
    expect(thread2(doc, URLS.en).participants).toEqual([MARCUS, DANA, PRIYA_CC, LENA]);
  });
});

function thread2(doc: Document, url: string): ThreadContext {
  const result = outlookAdapter.read(doc, new URL(url));
  if (result.kind !== 'thread') throw new Error(`expected a thread, got ${JSON.stringify(result)}`);
  // The bodies are read and tested on their own (bodies.test.ts); these tests are about who is in it.
  const { bodies: _bodies, ...thread } = result.thread;
  return thread;
}

describe('outlook adapter: watching and docking', () => {
  const pages = [
    'reading-pane-en.html',
    'reading-pane-de.html',
    'reading-pane-fr.html',
    'reading-pane-es.html',
    'popout-read.html',
    'internal-sender.html',
    'role-address.html',
    'message-list-none.html',
    'settings.html',
    'broken-no-sender.html',
  ];

  it('never observes body or the document element with subtree:true', () => {
    for (const file of pages) {
      const doc = load(file);
      for (const target of outlookAdapter.watchTargets(doc)) {
        const pageWide = target.element === doc.body || target.element === doc.documentElement;
        expect(pageWide && target.options.subtree === true, file).toBe(false);
        expect(target.options.characterData ?? false, file).toBe(false);
      }
    }
  });

  it('watches the reading pane for content and the message list for selection only', () => {
    const doc = load('reading-pane-en.html');
    const pane = doc.querySelector('[role="main"]');
    const list = doc.querySelector('[role="listbox"]');
    expect(outlookAdapter.watchTargets(doc)).toEqual([
      { element: pane, options: { childList: true, subtree: true } },
      { element: list, options: { attributes: true, attributeFilter: ['aria-selected'], subtree: true } },
    ]);
  });

  it('watches only the pane in a pop-out, which has no message list', () => {
    const doc = load('popout-read.html');
    expect(outlookAdapter.watchTargets(doc).map((t) => t.element)).toEqual([doc.querySelector('[role="main"]')]);
  });

  it('docks beside the reading pane, or nowhere when there is none', () => {
    const doc = load('reading-pane-fr.html');
    expect(outlookAdapter.dockAnchor(doc)).toBe(doc.querySelector('[role="main"]'));
    const bare = new DOMParser().parseFromString('<html><body><p>x</p></body></html>', 'text/html');
    expect(outlookAdapter.dockAnchor(bare)).toBeNull();
  });

  it('serves the four Outlook hosts', () => {
    expect(outlookAdapter.client).toBe('outlook');
    expect([...outlookAdapter.hosts].sort()).toEqual(
      ['outlook.cloud.microsoft', 'outlook.live.com', 'outlook.office.com', 'outlook.office365.com'].sort(),
    );
  });
});

describe('outlook helpers', () => {
  it('every registry key has alternatives, and each is a valid selector', () => {
    const doc = load('reading-pane-en.html');
    for (const [key, alternatives] of Object.entries(OUTLOOK_SELECTORS)) {
      expect(alternatives.length, key).toBeGreaterThan(0);
      for (const selector of alternatives) expect(() => doc.querySelector(selector), `${key}: ${selector}`).not.toThrow();
    }
  });

  it('recognises header labels in English, German, French and Spanish', () => {
    expect(labelRoleOf('From: Dana')).toBe('from');
    expect(labelRoleOf('Von: Dana')).toBe('from');
    expect(labelRoleOf('De\u00a0: Dana')).toBe('from');
    expect(labelRoleOf('De: Dana')).toBe('from');
    expect(labelRoleOf('To: Dana')).toBe('to');
    expect(labelRoleOf('An: Dana')).toBe('to');
    expect(labelRoleOf('À\u202f: Dana')).toBe('to');
    expect(labelRoleOf('à : Dana')).toBe('to');
    expect(labelRoleOf('Para: Dana')).toBe('to');
    expect(labelRoleOf('Cc: Dana')).toBe('cc');
    expect(labelRoleOf('CC: Dana')).toBe('cc');
    expect(labelRoleOf('Cc : Dana')).toBe('cc');
    expect(labelRoleOf('Bcc: Dana')).toBe('bcc');
    expect(labelRoleOf('Tomás Ibáñez')).toBeNull();
    expect(labelRoleOf('An Nguyen')).toBeNull();
    expect(labelRoleOf('RE : Déploiement')).toBeNull();
    expect(stripLabel('À\u00a0: Jordan Avery')).toBe('Jordan Avery');
    expect(HEADER_LABELS.to).toContain('Para:');
  });

  it('parses "Name <address>", bare addresses and bare names', () => {
    expect(parsePersonText('Dana Whitfield <Dana.Whitfield@Fabrikam.example>')).toEqual({
      name: 'Dana Whitfield',
      email: 'dana.whitfield@fabrikam.example',
    });
    expect(parsePersonText('"Okafor, Marcus" <marcus.okafor@fabrikam.example>;')).toEqual({
      name: 'Okafor, Marcus',
      email: 'marcus.okafor@fabrikam.example',
    });
    expect(parsePersonText('no-reply@fabrikam.example')).toEqual({ name: '', email: 'no-reply@fabrikam.example' });
    expect(parsePersonText('From: Priya Natarajan')).toEqual({ name: 'Priya Natarajan', email: null });
    expect(parsePersonText('  ;  ')).toBeNull();
  });

  it('reads printed dates in each locale, as local time without an offset', () => {
    expect(parseSentDate('Fri 4/10/2026 8:23 AM', 'en-US')).toBe('2026-04-10T08:23:00');
    expect(parseSentDate('Thu 4/9/2026 4:02 PM', 'en-US')).toBe('2026-04-09T16:02:00');
    expect(parseSentDate('Fri 10/04/2026 08:23', 'en-GB')).toBe('2026-04-10T08:23:00');
    expect(parseSentDate('Fr 10.04.2026 08:23', 'de-DE')).toBe('2026-04-10T08:23:00');
    expect(parseSentDate('ven. 10/04/2026 08:23', 'fr-FR')).toBe('2026-04-10T08:23:00');
    expect(parseSentDate('vie 10/04/2026 8:23', 'es-ES')).toBe('2026-04-10T08:23:00');
    expect(parseSentDate('vie 10/04/2026 8:23 p. m.', 'es-MX')).toBe('2026-04-10T20:23:00');
    expect(parseSentDate('2026/4/10 8:23', 'ja-JP')).toBe('2026-04-10T08:23:00');
    expect(parseSentDate('Mon 12:05 AM', 'en-US')).toBeNull();
    expect(parseSentDate('Yesterday', 'en-US')).toBeNull();
    expect(parseSentDate('31/02/2026 10:00', 'fr-FR')).toBeNull();
  });

  it('finds the ItemID in every URL form Outlook uses, decoded', () => {
    expect(itemIdFromUrl(new URL('https://outlook.office.com/mail/id/AAk%2FB%2BC%3D'))).toBe('AAk/B+C=');
    expect(itemIdFromUrl(new URL('https://outlook.office.com/mail/inbox/id/AAk%3D'))).toBe('AAk=');
    expect(itemIdFromUrl(new URL('https://outlook.office.com/mail/0/inbox/id/AAk%3D'))).toBe('AAk=');
    expect(itemIdFromUrl(new URL('https://outlook.live.com/mail/0/id/AAk%3D'))).toBe('AAk=');
    expect(itemIdFromUrl(new URL('https://outlook.office.com/mail/deeplink/read/AAk%3D?popoutv2=1'))).toBe('AAk=');
    expect(itemIdFromUrl(new URL('https://outlook.office.com/mail/inbox'))).toBeNull();
    expect(itemIdFromUrl(new URL('https://outlook.office.com/mail/options/mail/layout'))).toBeNull();
    expect(itemIdFromUrl(new URL('https://outlook.office.com/mail/id/AAk%E0%A4%A'))).toBe('AAk%E0%A4%A');
  });
});
