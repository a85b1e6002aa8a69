import { describe, expect, it } from 'vitest';
import { skipReason } from '../../../src/shared/lookup-policy';
import { parseSettings } from '../../../src/shared/settings';

const person = (email: string | null) => ({ email, isPerson: true });

describe('who is looked up', () => {
  const settings = parseSettings({ onboarded: true, myDomains: ['acme.com'], exclusions: ['boss@partner.com', 'rival.io'] });

  it('never looks up the user, colleagues, role addresses or the excluded', () => {
    expect(skipReason(person('me@home.net'), 'ME@home.net', settings)).toBe('self');
    expect(skipReason(person('jo@acme.com'), null, settings)).toBe('colleague');
    expect(skipReason(person('jo@eu.acme.com'), null, settings)).toBe('colleague');
    expect(skipReason(person('noreply@shop.com'), null, settings)).toBe('not-a-person');
    expect(skipReason({ email: 'dana@shop.com', isPerson: false }, null, settings)).toBe('not-a-person');
    expect(skipReason(person('boss@partner.com'), null, settings)).toBe('excluded');
    expect(skipReason(person('anyone@rival.io'), null, settings)).toBe('excluded');
    expect(skipReason(person(null), null, settings)).toBe('no-address');
  });

  it('looks up everyone else, and only VIPs in VIP-only mode', () => {
    expect(skipReason(person('dana@shop.com'), null, settings)).toBeNull();
    const vip = { ...settings, vipOnly: true, vips: ['Dana@Shop.com'] };
    expect(skipReason(person('dana@shop.com'), null, vip)).toBeNull();
    expect(skipReason(person('eli@shop.com'), null, vip)).toBe('not-vip');
  });
});
