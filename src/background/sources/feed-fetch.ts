import type { IdentifierKind } from '../../shared/domain';
import { decodeFeed } from './feed-decode';
import type { HttpResult, SourceHttp } from './source';

/**
 * The bytes method proposed for SourceHttp (feeds in legacy encodings must be decoded by the encoding
 * they declare, which Response.text() ignores). Until source.ts has it, a feed is read as text.
 */
export interface BytesBody {
  bytes: Uint8Array;
  contentType: string | null;
}

type MaybeBytesHttp = SourceHttp & {
  getBytes?: (url: string, sent: IdentifierKind) => Promise<HttpResult<BytesBody>>;
};

export async function fetchFeedText(http: SourceHttp, url: string, sent: IdentifierKind): Promise<HttpResult<string>> {
  const withBytes = http as MaybeBytesHttp;
  if (typeof withBytes.getBytes !== 'function') return http.getText(url, sent);
  const answer = await withBytes.getBytes(url, sent);
  if (!answer.ok) return answer;
  return { ok: true, status: answer.status, data: decodeFeed(answer.data.bytes, answer.data.contentType) };
}
