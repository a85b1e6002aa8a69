import { InvalidResponseError, type ActivityResult, type BytesBody, type HttpResult, type PostDraft, type SourceHttp } from '../../../src/background/sources/source';

/**
 * A SourceHttp straight onto a fetch, for tests of one source call without the scheduler. It keeps the
 * one behaviour sources rely on: a body that is not JSON is an InvalidResponseError, as in http.ts.
 */
export function directHttp(fetchImpl: typeof fetch): SourceHttp {
  async function get(url: string): Promise<{ status: number; body: string }> {
    const response = await fetchImpl(url);
    return { status: response.status, body: await response.text() };
  }
  return {
    async getJson<T>(url: string, _sent: unknown, parse: (body: unknown) => T): Promise<HttpResult<T>> {
      const { status, body } = await get(url);
      if (status < 200 || status >= 300) return { ok: false, status };
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        throw new InvalidResponseError('body is not JSON');
      }
      return { ok: true, status, data: parse(json) };
    },
    async getText(url: string): Promise<HttpResult<string>> {
      const { status, body } = await get(url);
      return status >= 200 && status < 300 ? { ok: true, status, data: body } : { ok: false, status };
    },
    async getBytes(url: string): Promise<HttpResult<BytesBody>> {
      const response = await fetchImpl(url);
      if (response.status < 200 || response.status >= 300) return { ok: false, status: response.status };
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { ok: true, status: response.status, data: { bytes, contentType: response.headers.get('content-type') } };
    },
  };
}

/** The posts of a fetchActivity answer, whichever of its two shapes it has. */
export function postsOf(result: PostDraft[] | ActivityResult): PostDraft[] {
  return Array.isArray(result) ? result : result.posts;
}
