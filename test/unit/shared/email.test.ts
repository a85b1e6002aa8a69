import { describe, expect, it } from 'vitest';
import { isFreeMailDomain, isRoleAddress, normaliseEmail, splitEmail } from '../../../src/shared/email';

describe('email helpers', () => {
  it('normalises case, whitespace, mailto: and angle brackets', () => {
    expect(normaliseEmail('  Jane.Doe@Acme.COM ')).toBe('jane.doe@acme.com');
    expect(normaliseEmail('mailto:jane@acme.com')).toBe('jane@acme.com');
    expect(normaliseEmail('<jane@acme.com>')).toBe('jane@acme.com');
  });

  it('refuses what is not an address', () => {
    for (const bad of ['', 'jane', 'jane@', '@acme.com', 'jane doe@acme.com', 'a@b@c', null, undefined]) {
      expect(normaliseEmail(bad)).toBeNull();
    }
  });

  it('splits at the last @', () => {
    expect(splitEmail('jane@acme.com')).toEqual({ local: 'jane', domain: 'acme.com' });
  });

  it('knows free-mail domains', () => {
    expect(isFreeMailDomain('gmail.com')).toBe(true);
    expect(isFreeMailDomain('GMAIL.com')).toBe(true);
    expect(isFreeMailDomain('acme.com')).toBe(false);
  });

  it('marks role addresses, including plus tags and noreply variants', () => {
    for (const role of ['noreply@x.com', 'no-reply@x.com', 'notifications@github.com', 'support+eu@x.com', 'noreply-calendar@x.com', 'do-not-reply@x.com']) {
      expect(isRoleAddress(role), role).toBe(true);
    }
    for (const person of ['jane@x.com', 'infographics.jane@x.com', 'supporter@x.com']) {
      expect(isRoleAddress(person), person).toBe(false);
    }
  });
});
