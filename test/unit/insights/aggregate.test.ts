import { describe, expect, it } from 'vitest';
import type { PostRecord } from '../../../src/shared/domain';
import { needsAttention, talkingPoints, type PostAnalysis } from '../../../src/shared/insights';
import { analysePost } from '../../../src/background/insights/analyse-post';
import { demoFeed } from '../../../scripts/demo/social-data';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 30, 12);

let serial = 0;
function post(text: string, daysAgo: number, analysis?: Partial<PostAnalysis>, id?: string): PostRecord {
  serial += 1;
  return {
    id: id ?? `p${serial}`,
    personId: 'maya@northwind-labs.com',
    identityId: 'maya@northwind-labs.com|bluesky:maya.northwind-labs.com',
    network: 'bluesky',
    url: `https://bsky.app/profile/maya.northwind-labs.com/post/${serial}`,
    text,
    createdAt: NOW - daysAgo * DAY,
    fetchedAt: NOW,
    kind: 'post',
    ...(analysis ? { analysis: { hashtags: [], mentions: [], organisations: [], topics: [], sentiment: 0, ...analysis } } : {}),
  };
}

describe('talkingPoints', () => {
  it('counts each label once per post, groups spellings, and shows the most used one', () => {
    const posts = [
      post('', 1, { hashtags: ['#SupplyChain', '#procurement'], topics: ['forecasting'], organisations: ['Contoso'] }),
      post('', 2, { hashtags: ['#supplychain'], topics: ['forecasting', 'export'], organisations: ['contoso', 'GitHub'] }),
      post('', 3, { hashtags: ['#SupplyChain', '#SUPPLYCHAIN'], topics: ['export'], organisations: ['Contoso'] }),
    ];
    expect(talkingPoints(posts, NOW)).toEqual({
      topics: [{ label: 'export', count: 2 }, { label: 'forecasting', count: 2 }],
      hashtags: [{ label: '#SupplyChain', count: 3 }, { label: '#procurement', count: 1 }],
      organisations: [{ label: 'Contoso', count: 3 }, { label: 'GitHub', count: 1 }],
    });
  });

  it('keeps the top 8, ties broken alphabetically, and breaks a spelling tie by code point', () => {
    const topics = ['kappa', 'iota', 'theta', 'eta', 'zeta', 'epsilon', 'delta', 'gamma', 'beta', 'alpha'];
    const posts = [
      post('', 1, { topics: ['alpha', ...topics], organisations: ['northwind'] }),
      post('', 1, { topics: ['alpha', 'beta'], organisations: ['Northwind'] }),
    ];
    expect(talkingPoints(posts, NOW).topics).toEqual([
      { label: 'alpha', count: 2 }, { label: 'beta', count: 2 }, { label: 'delta', count: 1 }, { label: 'epsilon', count: 1 },
      { label: 'eta', count: 1 }, { label: 'gamma', count: 1 }, { label: 'iota', count: 1 }, { label: 'kappa', count: 1 },
    ]);
    expect(talkingPoints(posts, NOW).organisations).toEqual([{ label: 'Northwind', count: 2 }]);
  });

  it('reads the last 90 days (or `days`), skips posts not yet analysed and duplicate rows', () => {
    const posts = [
      post('', 90, { topics: ['on the edge'] }),
      post('', 90.001, { topics: ['too old'] }),
      post('', -2, { topics: ['from the future'] }),
      post('no analysis yet', 1),
      post('', 5, { topics: ['twice'] }, 'same'),
      post('', 5, { topics: ['twice'] }, 'same'),
      post('', 20, { topics: ['recent'] }),
    ];
    expect(talkingPoints(posts, NOW).topics).toEqual([
      { label: 'on the edge', count: 1 }, { label: 'recent', count: 1 }, { label: 'twice', count: 1 },
    ]);
    expect(talkingPoints(posts, NOW, 7).topics).toEqual([{ label: 'twice', count: 1 }]);
    expect(talkingPoints([], NOW)).toEqual({ topics: [], hashtags: [], organisations: [] });
  });

  it("sums up Maya's demo posts", () => {
    const posts = (demoFeed('maya.northwind-labs.com', NOW) ?? []).map((item, i) => {
      const record = (item as { post: { record: { text: string; createdAt: string } } }).post.record;
      const base = post(record.text, 0, undefined, `demo${i}`);
      return { ...base, createdAt: Date.parse(record.createdAt), analysis: analysePost(record.text) };
    });
    expect(talkingPoints(posts, NOW)).toEqual({
      topics: [
        { label: 'analytics vendor', count: 1 }, { label: 'data engineer', count: 1 }, { label: 'export', count: 1 },
        { label: 'forecasting', count: 1 }, { label: 'onboarding', count: 1 }, { label: 'panel', count: 1 },
        { label: 'problem', count: 1 }, { label: 'team', count: 1 },
      ],
      hashtags: [{ label: '#procurement', count: 1 }, { label: '#SupplyChainSummit', count: 1 }],
      organisations: [{ label: 'Contoso', count: 1 }],
    });
    expect(needsAttention(posts, ['Contoso'], [])).toEqual([{ post: posts[0], matched: 'Contoso', sentiment: -0.612 }]);
  });
});

describe('needsAttention', () => {
  it('flags negative posts that name a brand, newest first, with the brand as the user wrote it', () => {
    const older = post('The onboarding at Contoso is frustrating.', 3, { sentiment: -0.612 });
    const newer = post('CONTOSO support ignored us again', 1, { sentiment: -0.5 });
    const praise = post('Contoso support fixed it in an hour!', 0, { sentiment: 0.7 });
    const unrelated = post('Our own outage, our fault.', 0, { sentiment: -0.6 });
    expect(needsAttention([older, praise, newer, unrelated], ['contoso'], [])).toEqual([
      { post: newer, matched: 'contoso', sentiment: -0.5 },
      { post: older, matched: 'contoso', sentiment: -0.612 },
    ]);
  });

  it('uses the threshold inclusively, -0.2 by default', () => {
    const at = post('Contoso, meh.', 1, { sentiment: -0.2 });
    const above = post('Contoso, hm.', 1, { sentiment: -0.19 });
    expect(needsAttention([at, above], ['Contoso'], []).map((found) => found.post)).toEqual([at]);
    expect(needsAttention([at, above], ['Contoso'], [], -0.5)).toEqual([]);
  });

  it('matches whole words only, in the text, hashtags, mentions and organisations', () => {
    const glued = post('Contosoft and MyContoso are awful', 1, { sentiment: -0.7 });
    const hashtag = post('So much for that. #ContosoFail #contoso', 2, { sentiment: -0.5, hashtags: ['#ContosoFail', '#contoso'] });
    const mention = post('Still waiting, @contoso.bsky.social', 3, { sentiment: -0.4, mentions: ['@contoso.bsky.social'] });
    const organisation = post('(text trimmed)', 4, { sentiment: -0.4, organisations: ['Contoso'] });
    expect(needsAttention([glued, hashtag, mention, organisation], ['Contoso'], []).map((found) => found.post)).toEqual([
      hashtag, mention, organisation,
    ]);
  });

  it("matches the name of the user's own domains, spaced, hyphenated or run together", () => {
    const spaced = post('Northwind Labs sent the wrong invoice again.', 1, { sentiment: -0.4 });
    const joined = post('northwindlabs support is slow', 2, { sentiment: -0.3 });
    const uk = post('Fabrikam ignored our emails', 3, { sentiment: -0.5 });
    const found = needsAttention([spaced, joined, uk], [], ['northwind-labs.com', 'https://www.fabrikam.co.uk/', '  ']);
    expect(found.map(({ post: p, matched }) => [p.id, matched])).toEqual([[spaced.id, 'northwind-labs'], [joined.id, 'northwind-labs'], [uk.id, 'fabrikam']]);
  });

  it('prefers the first brand that matches, then domains', () => {
    const both = post('Contoso and Northwind Labs both let us down', 1, { sentiment: -0.5 });
    expect(needsAttention([both], ['Northwind', 'Contoso'], ['contoso.com'])[0]?.matched).toBe('Northwind');
  });

  it('treats brands as text, not patterns, and ignores empty ones', () => {
    const cpp = post('C++ tooling from Contoso is a mess', 1, { sentiment: -0.5 });
    const dot = post('AxB is broken', 1, { sentiment: -0.5 });
    expect(needsAttention([cpp, dot], ['', ' ', 'x', 'C++', 'A.B'], [])).toEqual([{ post: cpp, matched: 'C++', sentiment: -0.5 }]);
    expect(needsAttention([cpp], [], [])).toEqual([]);
  });

  it('sees a brand through zero-width characters, and skips posts not yet analysed', () => {
    const hidden = post('Con\u200Btoso is awful', 1, { sentiment: -0.6 });
    const pending = post('Contoso is awful', 1);
    expect(needsAttention([hidden, pending], ['Contoso'], []).map((found) => found.post)).toEqual([hidden]);
  });
});
