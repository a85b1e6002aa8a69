import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { RouteHandler } from '../../test/e2e/harness/fake-server';
import { serveStatic } from '../../test/e2e/harness/static-site';
import { demoFeed, demoProfiles } from './social-data';

/** The demo's fake Bluesky AppView: the demo people of social-data.ts, and the recorded 400 for anyone else. */
const NOT_FOUND = readFileSync(
  join(import.meta.dirname, '../../test/fixtures/api/bluesky/error-400-getProfile-profile-not-found-public-api-pds-issue-342.json'),
  'utf8',
);

const json = (status: number, body: string) => ({
  status, headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' }, body,
});

export const demoBluesky: RouteHandler = (request) => {
  const actor = request.query.get('actor') ?? '';
  const profileOf = (wanted: string) => demoProfiles().find((candidate) => candidate.handle === wanted || candidate.did === wanted);
  if (request.path === '/xrpc/app.bsky.actor.getProfile') {
    const profile = profileOf(actor);
    return profile ? json(200, JSON.stringify(profile)) : json(400, NOT_FOUND);
  }
  if (request.path === '/xrpc/app.bsky.actor.getProfiles') {
    // As the AppView answers: the views of the actors that exist, in the order asked; the others absent.
    const profiles = request.query.getAll('actors').flatMap((wanted) => profileOf(wanted) ?? []);
    return json(200, JSON.stringify({ profiles }));
  }
  if (request.path === '/xrpc/app.bsky.feed.getAuthorFeed') {
    const feed = demoFeed(actor);
    return feed ? json(200, JSON.stringify({ feed })) : json(400, NOT_FOUND);
  }
  return json(400, NOT_FOUND);
};

/** The demo mailbox at https://mail.google.com/mail/u/0/: one page and its script and styles. */
export const demoMailbox: RouteHandler = (request) => {
  const dir = join(import.meta.dirname, 'mailbox');
  const name = basename(request.path);
  if (/^gmail-demo\.(js|css)$/.test(name)) return serveStatic({ dir }, { ...request, path: `/${name}` });
  if (request.path.startsWith('/mail/')) return serveStatic({ dir }, { ...request, path: '/gmail-demo.html' });
  return undefined;
};
