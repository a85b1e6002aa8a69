// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outlookAdapter } from '../../../src/content/adapters/outlook/outlook';

const HERE = dirname(fileURLToPath(import.meta.url));

describe('the Outlook signature replica (test/fixtures/mail/e2e/outlook-signature.html)', () => {
  it('reads its people and the bodies the end-to-end test relies on', () => {
    const html = readFileSync(join(HERE, '../../fixtures/mail/e2e/outlook-signature.html'), 'utf8');
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const result = outlookAdapter.read(doc, new URL('https://outlook.office.com/mail/inbox/id/AAkALg'));
    if (result.kind !== 'thread') throw new Error(JSON.stringify(result));
    const { participants, bodies, self } = result.thread;
    expect(self).toBe('jordan.avery@northwind.example');
    expect(participants.map((p) => [p.name, p.email, p.roles.join('+')])).toEqual([
      ['Ines Carvalho', 'ines.carvalho@tidewater-logistics.example', 'from+cc'],
      ['Priya Raman', 'priya.raman@tidewater-logistics.example', 'from+to'],
      ['Priya Natarajan', null, 'cc'],
      ['Lena Brandt', 'lena.brandt@contoso.example', 'cc'],
    ]);
    expect(bodies?.map((body) => body.senderName)).toEqual(['Ines Carvalho', 'Jordan Avery']);
    expect(bodies?.[0]?.text).toContain('I met Dana Whitfield from Litware yesterday');
    expect(bodies?.[0]?.links.map((link) => link.href)).toEqual(['https://tidewater-logistics.example/', 'https://bsky.app/profile/inescarvalho.bsky.social']);
  });
});
