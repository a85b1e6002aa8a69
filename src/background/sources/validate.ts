import * as z from 'zod/mini';
import { InvalidResponseError } from './source';

/** A parse function for SourceHttp.getJson from a schema: a mismatch becomes a recorded source error. */
export function validatedBy<S extends z.ZodMiniType>(schema: S, what: string): (body: unknown) => z.infer<S> {
  return (body) => {
    const result = z.safeParse(schema, body);
    if (!result.success) throw new InvalidResponseError(`${what}: ${z.prettifyError(result.error).slice(0, 300)}`);
    return result.data;
  };
}

/** Keeps the items of a list that match, so one bad item does not hide the good ones. */
export function validItems<S extends z.ZodMiniType>(schema: S, items: readonly unknown[]): z.infer<S>[] {
  const kept: z.infer<S>[] = [];
  for (const item of items) {
    const result = z.safeParse(schema, item);
    if (result.success) kept.push(result.data);
  }
  return kept;
}
