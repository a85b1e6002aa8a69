import { describe, expect, it } from 'vitest';
import { blueskySource } from '../../../src/background/sources/bluesky';
import { blueskyHandleCandidates } from '../../../src/background/sources/bluesky-handles';
import { candidateProfiles } from '../../../src/background/sources/bluesky-profiles';
import { InvalidResponseError, type SourceHttp } from '../../../src/background/sources/source';
import type { IdentifierKind, PersonRecord } from '../../../src/shared/domain';
import { parseSettings } from '../../../src/shared/settings';
import { PROFILES, PROFILE_NOT_FOUND } from '../helpers/bluesky-fixtures';
import { directHttp } from './direct-http';

const API = 'https://public.api.bsky.app/xrpc';
const context = { settings: parseSettings({ onboarded: true }), now: () => 0 };

function person(name: string, email: string): PersonRecord {
  return { id: email, email, name, domain: email.split('@')[1] ?? null, firstSeenAt: 0, lastSeenAt: 0, lookups: {} };
}

/** A recorded profile view (the getProfiles snapshot) under another handle and DID, as the e2e world does. */
function rehomed(from: string, handle: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const recorded = PROFILES.find((profile) => profile.handle === from);
  if (!recorded) throw new Error(`no recorded profile ${from}`);
  return { ...structuredClone(recorded), handle, did: `did:plc:test${handle.replace(/\W/g, '')}`, ...extra };
}

/** A SourceHttp onto a fake AppView, keeping each request as `kind url`. */
function appView(answer: (url: URL) => { status: number; body: unknown }) {
  const sent: string[] = [];
  const base = directHttp((async (input: string | URL | Request) => {
    const { status, body } = answer(new URL(String(input)));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch);
  const http: SourceHttp = {
    getJson: (url, kind: IdentifierKind, parse) => {
      sent.push(`${kind} ${url}`);
      return base.getJson(url, kind, parse);
    },
    getText: (url, kind) => base.getText(url, kind),
    getBytes: (url, kind) => base.getBytes(url, kind),
  };
  return { sent, http };
}

const DANA = person('Dana Whitfield', 'dana@cloud-blog.example');
const DANA_BATCH = `handle ${API}/app.bsky.actor.getProfiles?actors=dana.cloud-blog.example&actors=danawhitfield.cloud-blog.example&actors=cloud-blog.example`;

describe('Bluesky domain handles, asked in one getProfiles request', () => {
  it('asks for every candidate at once and keeps tiers and evidence per handle', async () => {
    // The AppView answers in the order asked; this one answers out of order, which must not matter.
    const { sent, http } = appView(() => ({
      status: 200,
      body: { profiles: [rehomed('carol.test', 'cloud-blog.example', { displayName: 'Cloud Blog Inc.' }), rehomed('alice.test', 'dana.cloud-blog.example', { displayName: 'Dana Whitfield' })] },
    }));
    const found = await blueskySource.resolve!(DANA, http, context);
    expect(sent).toEqual([DANA_BATCH]);
    expect(found).toEqual([
      {
        network: 'bluesky', handle: 'dana.cloud-blog.example', url: 'https://bsky.app/profile/dana.cloud-blog.example',
        externalId: 'did:plc:testdanacloudblogexample', tier: 'A', displayName: 'Dana Whitfield', description: 'its me!',
        avatarUrl: 'https://bsky.public.url/img/avatar/plain/user(1)/cids(0)',
        evidence: [{
          kind: 'domain-handle',
          text: 'dana.cloud-blog.example is a Bluesky handle on the sender\'s own mail domain cloud-blog.example, which Bluesky verifies through that domain.',
          url: 'https://bsky.app/profile/dana.cloud-blog.example',
        }],
      },
      {
        network: 'bluesky', handle: 'cloud-blog.example', url: 'https://bsky.app/profile/cloud-blog.example',
        externalId: 'did:plc:testcloudblogexample', tier: 'C', displayName: 'Cloud Blog Inc.',
        evidence: [{
          kind: 'company-domain-handle',
          text: 'cloud-blog.example is the Bluesky handle of the sender\'s company domain.',
          url: 'https://bsky.app/profile/cloud-blog.example',
        }],
      },
    ]);
  });

  it('finds nothing when none of the candidates has an account (the AppView leaves them out)', async () => {
    const { sent, http } = appView(() => ({ status: 200, body: { profiles: [] } }));
    expect(await blueskySource.resolve!(DANA, http, context)).toEqual([]);
    expect(sent).toEqual([DANA_BATCH]);
  });

  it('leaves out an account that asked not to be shown to logged-out viewers', async () => {
    const hidden = rehomed('alice.test', 'dana.cloud-blog.example', { labels: [{ val: '!no-unauthenticated' }] });
    const { sent, http } = appView(() => ({ status: 200, body: { profiles: [hidden] } }));
    expect(await blueskySource.resolve!(DANA, http, context)).toEqual([]);
    expect(sent).toEqual([DANA_BATCH]);
  });

  it('records a malformed answer as a source error, never a crash', async () => {
    for (const body of [null, {}, { profiles: 'x' }, { profiles: [{ handle: 42 }] }, { profiles: [rehomed('alice.test', 'dana.cloud-blog.example'), { did: 'x' }] }]) {
      const { http } = appView(() => ({ status: 200, body }));
      await expect(blueskySource.resolve!(DANA, http, context)).rejects.toThrow(InvalidResponseError);
      await expect(blueskySource.resolve!(DANA, http, context)).rejects.toThrow(/^getProfiles: /);
    }
  });

  it('takes nothing from a view of an account it did not ask about', async () => {
    const { http } = appView(() => ({
      status: 200,
      body: { profiles: [rehomed('bob.test', 'victim.bsky.social'), rehomed('alice.test', 'Dana.Cloud-Blog.example')] },
    }));
    expect((await blueskySource.resolve!(DANA, http, context)).map((identity) => [identity.handle, identity.tier])).toEqual([['Dana.Cloud-Blog.example', 'A']]);
  });

  it('reads the AppView\'s recorded getProfiles answer: the asked actors that exist, by handle', async () => {
    // RECORDED: atproto's "fetches multiple profiles" answer, for actors that included two missing ones.
    const { http } = appView(() => ({ status: 200, body: { profiles: PROFILES } }));
    const candidates = ['alice.test', 'missing.test', 'carol.test'].map((handle) => ({ handle, tier: 'A' as const, evidenceKind: 'k', evidenceText: 't' }));
    const profiles = await candidateProfiles(candidates, http, API);
    expect([...profiles.keys()]).toEqual(['alice.test', 'carol.test']);
    expect(profiles.get('alice.test')?.labels?.map((label) => label.val)).toEqual(['self-label-a', 'self-label-b']);
  });
});

describe('Bluesky domain handles: one candidate, and none', () => {
  it('asks a lone candidate with getProfile, sending the company domain as a domain', async () => {
    // The local part is no valid handle label and there is no name: only the company handle is left.
    const alone = person('', 'first_last@acme.example');
    expect(blueskyHandleCandidates(alone.email!, alone.name).map((candidate) => candidate.handle)).toEqual(['acme.example']);
    const { sent, http } = appView((url) => (url.searchParams.get('actor') === 'acme.example'
      ? { status: 200, body: rehomed('carol.test', 'acme.example') }
      : { status: 400, body: PROFILE_NOT_FOUND }));
    const found = await blueskySource.resolve!(alone, http, context);
    expect(sent).toEqual([`domain ${API}/app.bsky.actor.getProfile?actor=acme.example`]);
    expect(found.map((identity) => [identity.handle, identity.tier, identity.evidence[0]?.kind])).toEqual([['acme.example', 'C', 'company-domain-handle']]);
  });

  it('finds nothing for a lone candidate the AppView does not know (its recorded 400)', async () => {
    const { http } = appView(() => ({ status: 400, body: PROFILE_NOT_FOUND }));
    expect(await blueskySource.resolve!(person('', 'first_last@acme.example'), http, context)).toEqual([]);
  });

  it('sends nothing for a free-mail address', async () => {
    const { sent, http } = appView(() => ({ status: 200, body: { profiles: [] } }));
    expect(await blueskySource.resolve!(person('Wren Okafor', 'wren.okafor@fastmail.com'), http, context)).toEqual([]);
    expect(sent).toEqual([]);
  });
});
