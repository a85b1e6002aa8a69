import { AsyncLocalStorage } from 'node:async_hooks';
import type { IdentifierKind, SourceId } from '../../src/shared/domain';
import type { Source, SourceHttp } from '../../src/background/sources/source';

/** One request that left the tool, as Earshot would have sent it (the production URL). */
export interface SentRequest {
  source: SourceId | 'unknown';
  url: string;
  /** The kind of identifier it carried, as the audit log records it. */
  sent: IdentifierKind;
}

/** Which source is asking, and what it says it sends: set around each call a source makes. */
const asking = new AsyncLocalStorage<{ source: SourceId; sent: IdentifierKind }>();

/**
 * The same source, whose network calls are labelled with its id and identifier kind so the fetch below
 * can say who sent what. Nothing else changes: the scheduler's gated, rate-limited SourceHttp still
 * does the work.
 */
export function labelled(source: Source): Source {
  const wrap = (http: SourceHttp): SourceHttp => ({
    getJson: (url, sent, parse) => asking.run({ source: source.id, sent }, () => http.getJson(url, sent, parse)),
    getText: (url, sent) => asking.run({ source: source.id, sent }, () => http.getText(url, sent)),
    getBytes: (url, sent) => asking.run({ source: source.id, sent }, () => http.getBytes(url, sent)),
  });
  const copy: Source = { ...source };
  if (source.resolve) copy.resolve = (person, http, context) => source.resolve!(person, wrap(http), context);
  if (source.fetchActivity) copy.fetchActivity = (identity, http, context) => source.fetchActivity!(identity, wrap(http), context);
  return copy;
}

/** `https://HOST/PATH?QUERY` as the fake server's path-prefix form `{apiBase}/HOST/PATH?QUERY`. */
export function viaApiBase(url: string, apiBase: string): string {
  const parsed = new URL(url);
  return `${apiBase}/${parsed.host}${parsed.pathname}${parsed.search}`;
}

/** A fetch that records every request and, with an API base, sends it there instead. */
export function recordingFetch(apiBase: string | null, log: SentRequest[], realFetch: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const label = asking.getStore();
    log.push({ source: label?.source ?? 'unknown', url, sent: label?.sent ?? 'none' });
    return realFetch(apiBase ? viaApiBase(url, apiBase) : url, init);
  };
}
