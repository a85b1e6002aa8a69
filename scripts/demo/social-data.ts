/**
 * Demo people for `npm start` (written here, not recorded): AppView-shaped profiles and feeds for the
 * three demo conversations, with dates relative to now so the demo always looks current. The shapes
 * follow the recorded answers in test/fixtures/api/bluesky/json/.
 */
const HOUR = 3_600_000;

interface DemoPost {
  hoursAgo: number;
  text: string;
  replies?: number;
  reposts?: number;
  likes?: number;
  link?: { uri: string; title: string };
}

interface DemoAccount {
  did: string;
  handle: string;
  displayName: string;
  description: string;
  posts: DemoPost[];
}

const ACCOUNTS: DemoAccount[] = [
  {
    did: 'did:plc:demomayaokafor000000001',
    handle: 'maya.northwind-labs.com',
    displayName: 'Maya Okafor',
    description: 'VP Partnerships at Northwind Labs. Supply-chain data, coffee, and long bike rides.',
    posts: [
      { hoursAgo: 3, text: 'Three weeks into evaluating new analytics vendors. The onboarding at Contoso is honestly frustrating: two days and still no working export. #procurement', replies: 4, reposts: 1, likes: 18 },
      { hoursAgo: 26, text: 'Great panel at #SupplyChainSummit today on forecasting under uncertainty. Slides here:', likes: 42, reposts: 9, link: { uri: 'https://northwind-labs.com/blog/forecasting-panel', title: 'Forecasting under uncertainty: panel notes' } },
      { hoursAgo: 70, text: 'We are hiring two data engineers in Lisbon. Remote-friendly, real problems, kind team.', replies: 2, reposts: 14, likes: 31 },
    ],
  },
  {
    did: 'did:plc:demonorthwindlabs0000002',
    handle: 'northwind-labs.com',
    displayName: 'Northwind Labs',
    description: 'Forecasting for supply chains that cannot afford to guess.',
    posts: [
      { hoursAgo: 20, text: 'Northwind Forecast 4.2 is out: faster scenario runs and a new supplier-risk view.', likes: 57, reposts: 12, link: { uri: 'https://northwind-labs.com/news/forecast-4-2', title: 'Northwind Forecast 4.2' } },
    ],
  },
  {
    // Not on his mail domain, so Earshot cannot find it by itself: the user adds it by hand.
    did: 'did:plc:demoleobrandt00000000004',
    handle: 'leo-brandt.bsky.social',
    displayName: 'Leo Brandt',
    description: 'Solutions engineering at Northwind Labs. Rust, maps, sourdough.',
    posts: [
      { hoursAgo: 8, text: 'Wrote up how we answer EU data-residency questionnaires without a week of back-and-forth.', likes: 23, reposts: 4 },
    ],
  },
  {
    did: 'did:plc:demopriyanatarajan00003',
    handle: 'priyanatarajan.lumencraft.io',
    displayName: 'Priya Natarajan',
    description: 'Founder @ Lumencraft. Lighting design software. Previously Autodesk.',
    posts: [
      { hoursAgo: 5, text: 'Shipping day! Lumencraft now imports IFC files directly. Thanks to every beta customer who sent us broken models.', replies: 7, reposts: 22, likes: 96 },
      { hoursAgo: 49, text: 'Looking for a CRM that does not need a consultant to set up. Recommendations welcome. #startups', replies: 31, likes: 12 },
    ],
  },
];

export function demoProfiles(): Record<string, unknown>[] {
  return ACCOUNTS.map((account) => ({
    did: account.did,
    handle: account.handle,
    displayName: account.displayName,
    description: account.description,
    avatar: undefined,
    followersCount: 1200,
    followsCount: 310,
    postsCount: 480,
    labels: [],
    createdAt: '2023-05-01T09:00:00.000Z',
    indexedAt: '2023-05-01T09:00:00.000Z',
  }));
}

export function demoFeed(actor: string, now = Date.now()): Record<string, unknown>[] | null {
  const account = ACCOUNTS.find((candidate) => candidate.did === actor || candidate.handle === actor);
  if (!account) return null;
  return account.posts.map((post, index) => {
    const createdAt = new Date(now - post.hoursAgo * HOUR).toISOString();
    const view: Record<string, unknown> = {
      uri: `at://${account.did}/app.bsky.feed.post/3demo${index}${account.handle.length}`,
      cid: `bafydemo${index}`,
      author: { did: account.did, handle: account.handle, displayName: account.displayName, labels: [] },
      record: { $type: 'app.bsky.feed.post', text: post.text, createdAt, langs: ['en'] },
      replyCount: post.replies ?? 0,
      repostCount: post.reposts ?? 0,
      likeCount: post.likes ?? 0,
      quoteCount: 0,
      indexedAt: createdAt,
      labels: [],
    };
    if (post.link) {
      view.embed = { $type: 'app.bsky.embed.external#view', external: { uri: post.link.uri, title: post.link.title, description: '' } };
    }
    return { post: view };
  });
}
