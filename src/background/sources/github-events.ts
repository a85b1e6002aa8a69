import * as z from 'zod/mini';
import type { GithubEvent } from './github-schemas';
import { isPostTime } from './post-date';
import type { PostDraft } from './source';
import { safeWebUrl } from './web-url';

/**
 * Public GitHub events as one-line posts ("pushed 3 commits to acme/api"). Only what a person did and
 * would want seen: comments carry their words, the rest a summary. Housekeeping (branches created or
 * deleted, labels, members, follows, downloads) is left out.
 *
 * Payloads differ by type and by era (api.github.com dropped `size` and `commits` from push events and
 * slimmed issue and pull-request payloads; old recordings still have them), so every field is optional
 * and each type is read with its own small schema.
 */

const BODY_LIMIT = 500;
const text = z.optional(z.nullable(z.string()));
const count = z.optional(z.nullable(z.number()));

// Old payloads give every issue a `pull_request` whose links are null; only a real pull request has an html_url.
const issue = z.looseObject({
  number: z.number(), title: text, html_url: text, pull_request: z.optional(z.nullable(z.looseObject({ html_url: text }))),
});
const pullRequest = z.looseObject({ number: z.optional(z.number()), title: text, html_url: text, merged: z.optional(z.nullable(z.boolean())) });
const comment = z.looseObject({ body: text, html_url: text, commit_id: text });

const payloads = {
  PushEvent: z.looseObject({ size: count, head: text, before: text, ref: text }),
  IssuesEvent: z.looseObject({ action: z.string(), issue }),
  IssueCommentEvent: z.looseObject({ issue, comment }),
  PullRequestEvent: z.looseObject({ action: z.string(), number: count, pull_request: pullRequest }),
  PullRequestReviewEvent: z.looseObject({ review: z.looseObject({ body: text, html_url: text }), pull_request: pullRequest }),
  PullRequestReviewCommentEvent: z.looseObject({ comment, pull_request: pullRequest }),
  CommitCommentEvent: z.looseObject({ comment }),
  WatchEvent: z.looseObject({}),
  CreateEvent: z.looseObject({ ref: text, ref_type: z.string(), description: text }),
  ForkEvent: z.looseObject({ forkee: z.looseObject({ full_name: text, html_url: text }) }),
  ReleaseEvent: z.looseObject({ release: z.looseObject({ tag_name: z.string(), name: text, html_url: text }) }),
  PublicEvent: z.looseObject({}),
  GistEvent: z.looseObject({ action: z.string(), gist: z.looseObject({ html_url: text }) }),
};

type Payloads = { [K in keyof typeof payloads]: z.infer<(typeof payloads)[K]> };
type Summary = Pick<PostDraft, 'text' | 'url' | 'kind'>;

function repoUrl(repo: string): string {
  return `https://github.com/${repo}`;
}

/** A person's own words from a comment or review, kept short: the post links to the whole of it. */
function words(body: string | null | undefined): string {
  const clean = (body ?? '').replace(/\r\n?/g, '\n').trim();
  return clean.length > BODY_LIMIT ? `${clean.slice(0, BODY_LIMIT - 1).trimEnd()}…` : clean;
}

function withWords(line: string, body: string | null | undefined): string {
  const said = words(body);
  return said ? `${line}\n\n${said}` : line;
}

function titled(line: string, title: string | null | undefined): string {
  const clean = title?.trim();
  return clean ? `${line}: ${clean}` : line;
}

const ZERO_SHA = /^0+$/;

function push(repo: string, p: Payloads['PushEvent']): Summary {
  const size = p.size ?? undefined;
  const text = size === undefined ? `pushed to ${repo}` : `pushed ${size} commit${size === 1 ? '' : 's'} to ${repo}`;
  let url = repoUrl(repo);
  if (p.head && p.before && !ZERO_SHA.test(p.before) && size !== 1) url = `${repoUrl(repo)}/compare/${p.before}...${p.head}`;
  else if (p.head) url = `${repoUrl(repo)}/commit/${p.head}`;
  return { text, url, kind: 'post' };
}

function pullNumber(p: { number?: number | null; pull_request: z.infer<typeof pullRequest> }): number | undefined {
  return p.pull_request.number ?? p.number ?? undefined;
}

function pullUrl(repo: string, pr: z.infer<typeof pullRequest>, number: number | undefined): string {
  return pr.html_url ?? (number === undefined ? repoUrl(repo) : `${repoUrl(repo)}/pull/${number}`);
}

function pullLabel(repo: string, number: number | undefined): string {
  return number === undefined ? `a pull request in ${repo}` : `pull request #${number} in ${repo}`;
}

const ISSUE_ACTIONS = new Set(['opened', 'closed', 'reopened']);

/** One summary per event type; undefined for the types that are left out. */
const summarisers: { [K in keyof Payloads]: (repo: string, payload: Payloads[K]) => Summary | undefined } = {
  PushEvent: push,
  IssuesEvent: (repo, p) => {
    if (!ISSUE_ACTIONS.has(p.action)) return undefined;
    const url = p.issue.html_url ?? `${repoUrl(repo)}/issues/${p.issue.number}`;
    return { text: titled(`${p.action} issue #${p.issue.number} in ${repo}`, p.issue.title), url, kind: 'post' };
  },
  IssueCommentEvent: (repo, p) => {
    const what = p.issue.pull_request?.html_url ? 'pull request' : 'issue';
    const line = titled(`commented on ${what} #${p.issue.number} in ${repo}`, p.issue.title);
    const url = p.comment.html_url ?? p.issue.html_url ?? `${repoUrl(repo)}/issues/${p.issue.number}`;
    return { text: withWords(line, p.comment.body), url, kind: 'reply' };
  },
  PullRequestEvent: (repo, p) => {
    if (!ISSUE_ACTIONS.has(p.action)) return undefined;
    const verb = p.action === 'closed' && p.pull_request.merged ? 'merged' : p.action;
    const number = pullNumber(p);
    return { text: titled(`${verb} ${pullLabel(repo, number)}`, p.pull_request.title), url: pullUrl(repo, p.pull_request, number), kind: 'post' };
  },
  PullRequestReviewEvent: (repo, p) => {
    const number = pullNumber(p);
    const line = titled(`reviewed ${pullLabel(repo, number)}`, p.pull_request.title);
    return { text: withWords(line, p.review.body), url: p.review.html_url ?? pullUrl(repo, p.pull_request, number), kind: 'reply' };
  },
  PullRequestReviewCommentEvent: (repo, p) => {
    const number = pullNumber(p);
    const line = titled(`commented on ${pullLabel(repo, number)}`, p.pull_request.title);
    return { text: withWords(line, p.comment.body), url: p.comment.html_url ?? pullUrl(repo, p.pull_request, number), kind: 'reply' };
  },
  CommitCommentEvent: (repo, p) => {
    const sha = p.comment.commit_id ? ` ${p.comment.commit_id.slice(0, 7)}` : '';
    return { text: withWords(`commented on commit${sha} in ${repo}`, p.comment.body), url: p.comment.html_url ?? repoUrl(repo), kind: 'reply' };
  },
  WatchEvent: (repo) => ({ text: `starred ${repo}`, url: repoUrl(repo), kind: 'post' }),
  CreateEvent: (repo, p) => {
    if (p.ref_type === 'repository') return { text: titled(`created repository ${repo}`, p.description), url: repoUrl(repo), kind: 'post' };
    if (p.ref_type === 'tag' && p.ref) return { text: `tagged ${p.ref} in ${repo}`, url: `${repoUrl(repo)}/tree/${p.ref}`, kind: 'post' };
    return undefined;
  },
  ForkEvent: (repo, p) => ({
    text: p.forkee.full_name ? `forked ${repo} to ${p.forkee.full_name}` : `forked ${repo}`,
    url: p.forkee.html_url ?? repoUrl(repo),
    kind: 'post',
  }),
  ReleaseEvent: (repo, p) => {
    const { tag_name: tag, name } = p.release;
    const line = `released ${tag} of ${repo}`;
    return { text: name && name.trim() !== tag ? titled(line, name) : line, url: p.release.html_url ?? `${repoUrl(repo)}/releases/tag/${tag}`, kind: 'post' };
  },
  PublicEvent: (repo) => ({ text: `made ${repo} public`, url: repoUrl(repo), kind: 'post' }),
  GistEvent: (_repo, p) => (p.gist.html_url ? { text: `${p.action === 'update' ? 'updated' : 'created'} a gist`, url: p.gist.html_url, kind: 'post' } : undefined),
};

function isSummarised(type: string): type is keyof Payloads {
  return Object.hasOwn(payloads, type);
}

function summarise<K extends keyof Payloads>(type: K, repo: string, payload: unknown): Summary | undefined {
  const parsed = z.safeParse(payloads[type], payload);
  if (!parsed.success) return undefined;
  return summarisers[type](repo, parsed.data as Payloads[K]);
}

// GitHub's own rules for owner and repository names: anything else is not a repository GitHub served.
const REPO = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

export function postFromEvent(event: GithubEvent): PostDraft | null {
  if (!isSummarised(event.type)) return null;
  // A gist has no repository (GitHub sends "/"); every other summary names and links one.
  const hasRepo = event.type !== 'GistEvent';
  if (hasRepo && !REPO.test(event.repo.name)) return null;
  const createdAt = Date.parse(event.created_at);
  if (!isPostTime(createdAt)) return null;
  const summary = summarise(event.type, event.repo.name, event.payload);
  if (!summary) return null;
  // Payload links (html_url) are followed only when they are web links; the repository stands in.
  const url = safeWebUrl(summary.url) ?? (hasRepo ? repoUrl(event.repo.name) : null);
  return url ? { id: `github:${event.id}`, network: 'github', createdAt, ...summary, url } : null;
}

/** The events of one account as posts; events by anyone else (a shared feed) are not theirs. */
export function postsFromEvents(events: readonly GithubEvent[], login: string): PostDraft[] {
  const own = login.toLowerCase();
  return events.flatMap((event) => {
    if (event.actor.login.toLowerCase() !== own) return [];
    const post = postFromEvent(event);
    return post ? [post] : [];
  });
}
