import type { IdentifierKind } from '../../shared/domain';
import { decodeFeed } from './feed-decode';
import type { HttpResult, SourceHttp } from './source';

/** A feed as text, decoded by the encoding it declares (Response.text() would assume UTF-8). */
export async function fetchFeedText(http: SourceHttp, url: string, sent: IdentifierKind): Promise<HttpResult<string>> {
  const answer = await http.getBytes(url, sent);
  if (!answer.ok) return answer;
  return { ok: true, status: answer.status, data: decodeFeed(answer.data.bytes, answer.data.contentType) };
}
