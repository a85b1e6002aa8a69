// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractSignature } from '../../../src/background/email-text/signature';
import { bodyText } from '../../../src/content/adapters/body-text';
import type { Signature } from '../../../src/shared/message-body';

// Paths, not URLs: under happy-dom the global URL is the page's, which node:fs does not accept.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/signatures');

interface Expectation {
  senderName: string;
  senderEmail: string | null;
  expected: Signature | null;
}

const cases = readdirSync(FIXTURES).filter((file) => file.endsWith('.html')).map((file) => file.replace(/\.html$/, '')).sort();

function signatureOf(name: string): { actual: Signature | null; expected: Signature | null } {
  const html = readFileSync(join(FIXTURES, `${name}.html`), 'utf8');
  const { senderName, senderEmail, expected } = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Expectation;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const { text, links } = bodyText(doc.body);
  return { actual: extractSignature({ senderName, senderEmail, text, links }), expected };
}

describe('extractSignature on rendered mail bodies (html → bodyText → extractSignature)', () => {
  it('has at least 30 fixtures, each with its expectation', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const name of cases) expect(readdirSync(FIXTURES)).toContain(`${name}.json`);
  });

  it.each(cases)('%s', (name) => {
    const { actual, expected } = signatureOf(name);
    expect(actual).toEqual(expected);
  });
});

describe('extractSignature on plain text', () => {
  const body = (text: string, senderName = 'Dana Whitfield', senderEmail: string | null = 'dana@litware.com') =>
    ({ senderName, senderEmail, text, links: [] });

  it('returns null for a message without a signature block', () => {
    expect(extractSignature(body('Can we move the call to Thursday?\nThe deck is attached.'))).toBeNull();
  });

  it('returns null for a sign-off that gives only a name', () => {
    expect(extractSignature(body('See you then.\n\nThanks,\nDana'))).toBeNull();
  });

  it('reads a title and company split on a comma after a valediction', () => {
    expect(extractSignature(body('Sounds good.\n\nBest,\nDana Whitfield\nVP Sales, Litware'))).toEqual({
      name: 'Dana Whitfield', title: 'VP Sales', company: 'Litware', profiles: [],
    });
  });

  it('reads a legal form as the company even when the name holds a title word, and a title before it as the title', () => {
    expect(extractSignature(body('Ok.\n\nBest,\nDana Whitfield\nSales Force Ltd'))).toEqual({ name: 'Dana Whitfield', company: 'Sales Force Ltd', profiles: [] });
    expect(extractSignature(body('Ok.\n\nBest,\nDana Whitfield\nPartner, Smith & Jones LLP', 'Dana Whitfield', 'dana@smithjones.law'))).toEqual({
      name: 'Dana Whitfield', title: 'Partner', company: 'Smith & Jones LLP', profiles: [],
    });
  });

  it('takes the whole block when the sender\'s name comes last or after the company', () => {
    expect(extractSignature(body('See attached.\n\n--\n📞 +1 415 555 0139\n🌐 litware.com\nDana Whitfield'))).toEqual({
      name: 'Dana Whitfield', phone: '+1 415 555 0139', website: 'https://litware.com/', profiles: [],
    });
    expect(extractSignature(body('See attached.\n\nBest,\nLitware Inc.\nDana Whitfield\nVP Sales'))).toEqual({
      name: 'Dana Whitfield', title: 'VP Sales', company: 'Litware Inc.', profiles: [],
    });
  });

  it('does not read what the mail client adds to the sender\'s name as the name', () => {
    expect(extractSignature(body('See attached.\n\nRegards,\nLitware\nVP Sales', 'Whitfield, Dana (Litware)'))).toEqual({
      title: 'VP Sales', company: 'Litware', profiles: [],
    });
  });

  it('reads a bilingual valediction, and takes no city for the company', () => {
    const text = 'Anbei.\n\nBest regards / Mit freundlichen Grüßen\nDana\nAccount Manager\nBerlin\nMob.: 0049 170 1234567';
    expect(extractSignature(body(text, 'Dana Whitfield', 'dana.whitfield@gmail.com'))).toEqual({
      name: 'Dana', title: 'Account Manager', phone: '0049 170 1234567', profiles: [],
    });
  });

  it('counts only links inside the block', () => {
    const text = 'Have a look at github.com/octo-org first.\n\n-- \nDana Whitfield\nhttps://github.com/danaw';
    expect(extractSignature({ ...body(text), links: [{ href: 'https://github.com/octo-org', text: 'github.com/octo-org' }] })).toEqual({
      name: 'Dana Whitfield', profiles: [{ network: 'github', url: 'https://github.com/danaw', handle: 'danaw' }],
    });
  });

  it('reads every profile network from written URLs and leaves other networks out', () => {
    const text = ['Slides are up.', '', '-- ', 'Dana Whitfield', 'VP Sales, Litware',
      'https://bsky.app/profile/did:plc:ewvi7nxzyoun6zhxrhs64oiz', 'https://mobile.twitter.com/DanaW', 'https://x.com/home',
      'https://github.com/features', 'https://medium.com/@danaw', 'https://www.youtube.com/@danaw', 'https://fosstodon.org/@danaw/',
      'linkedin.com/in/dana-whitfield-9a1b2c'].join('\n');
    expect(extractSignature(body(text))).toEqual({
      name: 'Dana Whitfield', title: 'VP Sales', company: 'Litware', profiles: [
        { network: 'bluesky', url: 'https://bsky.app/profile/did:plc:ewvi7nxzyoun6zhxrhs64oiz', handle: 'did:plc:ewvi7nxzyoun6zhxrhs64oiz' },
        { network: 'x', url: 'https://mobile.twitter.com/DanaW', handle: 'DanaW' },
        { network: 'mastodon', url: 'https://fosstodon.org/@danaw/', handle: 'danaw@fosstodon.org' },
        { network: 'linkedin', url: 'https://linkedin.com/in/dana-whitfield-9a1b2c', handle: 'in/dana-whitfield-9a1b2c' },
      ],
    });
  });

  it('does not take a team mailbox\'s sign-off for a name, nor a fax number for the phone', () => {
    const text = 'Your ticket has been closed.\n\nThanks,\nCustomer Support\nLitware Inc.\nFax: +1 415 555 0100';
    expect(extractSignature(body(text, 'Litware Support', 'support@litware.com'))).toEqual({ company: 'Litware Inc.', profiles: [] });
  });

  it('reads a Mastodon address but not an email address as a profile', () => {
    const text = 'Done.\n\n-- \nDana Whitfield · dana@litware.com · @dana@hachyderm.io';
    expect(extractSignature(body(text))).toEqual({
      name: 'Dana Whitfield', profiles: [{ network: 'mastodon', url: 'https://hachyderm.io/@dana', handle: 'dana@hachyderm.io' }],
    });
  });

  it('never throws on hostile input', () => {
    const hostile = { senderName: '', senderEmail: null, text: `${'-- \n'.repeat(5000)}${'x'.repeat(30_000)}`, links: [{ href: '::', text: '' }] };
    expect(() => extractSignature(hostile)).not.toThrow();
  });
});
