import { describe, expect, it } from 'vitest';
import { senderAllowed } from '../../../src/background/router';
import { parseMessage } from '../../../src/shared/message-schemas';

const OWN = 'abcdefghijklmnop';
const ORIGIN = 'chrome-extension://abcdefghijklmnop';
const SIDEBAR = { id: OWN, url: `${ORIGIN}/sidebar.html#dock` };
const MAIL_PAGE = { id: OWN, url: 'https://mail.google.com/mail/u/0/', tab: {} };

describe('the messages about names in bodies', () => {
  it('come from the extension\'s own pages only, never from the mail page\'s content script', () => {
    for (const type of ['mention/lookup', 'mentions/get'] as const) {
      expect(senderAllowed(type, SIDEBAR, OWN, ORIGIN)).toBe(true);
      expect(senderAllowed(type, MAIL_PAGE, OWN, ORIGIN)).toBe(false);
      expect(senderAllowed(type, { id: 'another-extension', url: `${ORIGIN}/sidebar.html` }, OWN, ORIGIN)).toBe(false);
    }
  });

  it('are bounded in shape', () => {
    const lookup = { type: 'mention/lookup', threadKey: 'gmail:18f4', name: 'Dana Whitfield' };
    expect(parseMessage(lookup)).toEqual(lookup);
    expect(parseMessage({ ...lookup, name: '' })).toBeNull();
    expect(parseMessage({ ...lookup, name: 'x'.repeat(201) })).toBeNull();
    expect(parseMessage({ type: 'mentions/get', threadKey: 'gmail:18f4' })).toEqual({ type: 'mentions/get', threadKey: 'gmail:18f4' });
    expect(parseMessage({ type: 'mentions/get' })).toBeNull();
    // The background's notice to its pages is no message to the background.
    expect(parseMessage({ type: 'mentions/changed', threadKey: 'gmail:18f4' })).toBeNull();
  });
});
