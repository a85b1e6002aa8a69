// The small contract between the fake server and the per-host route files under routes/: what a route
// sees of a request, what it answers, and helpers to build answers. Kept apart from fake-server.ts so
// a route file never imports the server.

import type { IncomingHttpHeaders } from 'node:http';

export interface RouteRequest {
  method: string;
  /** The production host name the browser asked for (Host header, or the path-prefix form). */
  host: string;
  /** Path without the query, e.g. `/xrpc/app.bsky.actor.getProfile`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RouteResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** Answers a request, or returns undefined to let the server answer 404. */
export type RouteHandler = (request: RouteRequest) => RouteResponse | undefined | Promise<RouteResponse | undefined>;

/** One file under routes/ exports one of these: the hosts it answers for and how. */
export interface RouteModule {
  hosts: readonly string[];
  handle: RouteHandler;
}

export function json(value: unknown, status = 200, headers: Record<string, string> = {}): RouteResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

/** A recorded body sent exactly as it was recorded (no re-serialisation, so its bytes are the fixture's). */
export function rawJson(body: string | Buffer, status = 200, headers: Record<string, string> = {}): RouteResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body };
}

export function html(body: string, status = 200): RouteResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}
