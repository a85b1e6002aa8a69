// One local HTTPS server that answers the production host names the extension uses
// (https://mail.google.com/…, https://public.api.bsky.app/…). The browsers resolve every name to it
// (see browsers.ts), it routes by the Host header, records every request so a test can assert exactly
// what left the browser, and can be told per host to be slow or to fail.
//
// A plain-HTTP listener also accepts the path-prefix form http://127.0.0.1:PORT/<host>/<path>?<query>
// (meaning https://<host>/<path>?<query>), for callers that cannot remap DNS (Node scripts, curl).

import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isIP } from 'node:net';
import { isBrowserNoise } from './browser-noise';
import { FaultTable, type Fault } from './faults';
import type { RouteHandler, RouteRequest, RouteResponse } from './route-kit';
import { defaultRoutes } from './routes/index';
import { serveStatic, type StaticSite } from './static-site';
import { makeSelfSignedCert } from './tls';
import { LOOPBACK } from './loopback';

export type { Fault, FaultKind } from './faults';
export type { RouteHandler, RouteModule, RouteRequest, RouteResponse } from './route-kit';
export type { StaticSite } from './static-site';

export interface RecordedRequest {
  /** Date.now() when the request arrived. */
  at: number;
  host: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The production URL the request stands for: https://<host><path>?<query>. */
  url: string;
  /** The browser's own traffic (updates, telemetry, …), answered 404; see browser-noise.ts. */
  browserNoise: boolean;
  via: 'host-header' | 'path-prefix';
  /** Date.now() when the last byte of the answer was handed to the socket; absent while unanswered. */
  finishedAt?: number;
}

/** A handler is an API (gets `delayMs`, CORS headers); a directory or StaticSite is a site of pages. */
export type RouteSpec = RouteHandler | StaticSite | string;

export interface FakeServerOptions {
  /** HTTPS port; default 443, which Firefox needs (it can remap names but not ports). 0 = any free port. */
  port?: number;
  /** Plain-HTTP port for the path-prefix form; default 0 = any free port. */
  httpPort?: number;
  /** Extra hosts for this server, on top of (and overriding) the fake APIs in routes/index.ts. */
  routes?: Record<string, RouteSpec>;
  /** Added before every API answer (benchmarks use 100 ms to look like a real network). */
  delayMs?: number;
}

export interface FakeServer {
  port: number;
  httpPort: number;
  /** https://127.0.0.1:<port> */
  url: string;
  /** http://127.0.0.1:<httpPort>, for the path-prefix form. */
  httpUrl: string;
  /** Every request received, browser noise included, oldest first. Cleared by reset(). */
  readonly requests: RecordedRequest[];
  /** Requests to one host, in order. */
  requestsTo(host: string): RecordedRequest[];
  /** Requests that are not the browsers' own traffic. */
  appRequests(): RecordedRequest[];
  /** Forgets recorded requests and faults (routes stay). */
  reset(): void;
  /** Puts a fault on `host` or on `host/path/prefix` (the most specific wins); null removes it. */
  setFault(target: string, fault: Fault | null): void;
  /** How many requests each kind of fault has hit since the server started ('pass' not counted); reset() keeps it. */
  faultsInjected(): Record<string, number>;
  /** Answers `host` with an API handler; null removes the route. */
  setRoute(host: string, handler: RouteHandler | null): void;
  /** Answers `host` with pages: a directory, a StaticSite (directory + deep-link fallbacks) or a handler. */
  setStatic(host: string, site: string | StaticSite | RouteHandler): void;
  setDelayMs(ms: number): void;
  close(): Promise<void>;
}

type Route = { kind: 'api'; handle: RouteHandler } | { kind: 'pages'; site: StaticSite | RouteHandler };

const NOT_FOUND: RouteResponse = { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': '*',
  'access-control-expose-headers': '*',
};

export async function startFakeServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const routes = new Map<string, Route>();
  for (const module of defaultRoutes) {
    for (const host of module.hosts) routes.set(host.toLowerCase(), { kind: 'api', handle: module.handle });
  }
  for (const [host, spec] of Object.entries(options.routes ?? {})) routes.set(host.toLowerCase(), toRoute(spec));

  const faults = new FaultTable();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let delayMs = options.delayMs ?? 0;
  let closed = false;

  // Timers are tracked so close() can drop pending delays; a dropped delay's request just never ends,
  // and its socket is destroyed by close() anyway.
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function answer(req: IncomingMessage, res: ServerResponse, plainHttp: boolean): Promise<void> {
    const target = readTarget(req, plainHttp);
    const body = await readBody(req);
    if (!target) return send(res, NOT_FOUND);
    const { host, path, query, via } = target;
    const search = query.toString();
    const browserNoise = !routes.has(host) && isBrowserNoise(host);
    const record: RecordedRequest = {
      at: Date.now(),
      host,
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(query),
      headers: req.headers,
      url: `https://${host}${path}${search ? '?' + search : ''}`,
      browserNoise,
      via,
    };
    requests.push(record);
    res.on('finish', () => {
      record.finishedAt = Date.now();
    });

    const fault = faults.take(host, path);
    const drip = fault?.kind === 'drip' ? fault : undefined;
    if (fault) {
      switch (fault.kind) {
        case 'hang':
          return; // the socket is destroyed by close()
        case 'reset':
          req.socket.destroy();
          return;
        case '429':
          return send(res, {
            status: 429,
            headers: { 'retry-after': String(fault.retryAfterSeconds), 'content-type': 'application/json', ...CORS_HEADERS },
            // WRITTEN-HERE default body (the AppView's wording); pass `body` to mimic another service.
            body: fault.body ?? '{"error":"RateLimitExceeded","message":"Rate Limit Exceeded"}',
          });
        case '500':
          return send(res, {
            status: 500,
            headers: { 'content-type': 'application/json', ...CORS_HEADERS },
            body: fault.body ?? '{"error":"InternalServerError","message":"Internal Server Error"}',
          });
        case 'malformed':
          return send(res, {
            status: 200,
            headers: { 'content-type': fault.contentType ?? 'application/json; charset=utf-8', ...CORS_HEADERS },
            body: fault.body,
          });
        case 'delay':
          await sleep(fault.ms);
          break;
        case 'drip':
        case 'pass':
          break;
      }
    }

    const route = routes.get(host);
    if (!route) return send(res, NOT_FOUND);
    const request: RouteRequest = { method: req.method ?? 'GET', host, path, query, headers: req.headers, body };
    try {
      if (route.kind === 'pages') {
        const page = (typeof route.site === 'function' ? await route.site(request) : await serveStatic(route.site, request)) ?? NOT_FOUND;
        return drip ? sendDripping(res, page, drip.bytesPerChunk ?? 8, drip.intervalMs ?? 500) : send(res, page);
      }
      if (request.method === 'OPTIONS') return send(res, { status: 204, headers: CORS_HEADERS });
      const response = (await route.handle(request)) ?? NOT_FOUND;
      if (delayMs > 0) await sleep(delayMs);
      const answer = { ...response, headers: { ...CORS_HEADERS, ...response.headers } };
      return drip ? sendDripping(res, answer, drip.bytesPerChunk ?? 8, drip.intervalMs ?? 500) : send(res, answer);
    } catch (error) {
      // A broken route is a bug in the test, not a fault to simulate: say so loudly.
      console.error(`fake server: route for ${host} threw`, error);
      return send(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: String(error) });
    }
  }

  function send(res: ServerResponse, response: RouteResponse): void {
    if (closed || res.destroyed) return;
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  }

  /** Headers at once, then the body a few bytes at a time, until it is all sent or the client hangs up. */
  async function sendDripping(res: ServerResponse, response: RouteResponse, bytesPerChunk: number, intervalMs: number): Promise<void> {
    if (closed || res.destroyed) return;
    const body = Buffer.from(response.body ?? '');
    const headers = { ...response.headers };
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-length') delete headers[name];
    res.writeHead(response.status, headers);
    res.flushHeaders();
    for (let offset = 0; offset < body.length; offset += bytesPerChunk) {
      if (closed || res.destroyed) return;
      res.write(body.subarray(offset, offset + bytesPerChunk));
      await sleep(intervalMs);
    }
    if (!closed && !res.destroyed) res.end();
  }

  const onRequest = (plainHttp: boolean) => (req: IncomingMessage, res: ServerResponse) => {
    answer(req, res, plainHttp).catch((error: unknown) => {
      console.error('fake server: request failed', error);
      if (!res.headersSent && !res.destroyed) send(res, { status: 500, body: String(error) });
    });
  };

  const tls = await makeSelfSignedCert([...routes.keys()]);
  const https = createHttpsServer({ key: tls.key, cert: tls.cert }, onRequest(false));
  const http = createHttpServer(onRequest(true));
  for (const server of [https, http] as Server[]) {
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  }
  const port = await listen(https, options.port ?? 443);
  const httpPort = await listen(http, options.httpPort ?? 0);

  return {
    port,
    httpPort,
    url: `https://${LOOPBACK}:${port}`,
    httpUrl: `http://${LOOPBACK}:${httpPort}`,
    requests,
    requestsTo: (host) => requests.filter((r) => r.host === host.toLowerCase()),
    appRequests: () => requests.filter((r) => !r.browserNoise),
    reset() {
      requests.length = 0; // in place, so a held reference to `requests` stays live
      faults.clear();
    },
    setFault: (target, fault) => faults.set(target, fault),
    faultsInjected: () => faults.injected(),
    setRoute(host, handler) {
      if (handler === null) routes.delete(host.toLowerCase());
      else routes.set(host.toLowerCase(), { kind: 'api', handle: handler });
    },
    setStatic(host, site) {
      routes.set(host.toLowerCase(), { kind: 'pages', site: typeof site === 'string' ? { dir: site } : site });
    },
    setDelayMs(ms) {
      delayMs = ms;
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await Promise.all([https, http].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

function toRoute(spec: RouteSpec): Route {
  if (typeof spec === 'function') return { kind: 'api', handle: spec };
  return { kind: 'pages', site: typeof spec === 'string' ? { dir: spec } : spec };
}

interface Target {
  host: string;
  path: string;
  query: URLSearchParams;
  via: RecordedRequest['via'];
}

/**
 * Which production URL a request stands for. Over HTTPS with a real name in Host, that name; over plain
 * HTTP, or HTTPS addressed to the loopback address or localhost, the first path segment is the host.
 */
function readTarget(req: IncomingMessage, plainHttp: boolean): Target | undefined {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  const hostHeader = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (!plainHttp && hostHeader && hostHeader !== 'localhost' && isIP(hostHeader) === 0) {
    return { host: hostHeader, path: url.pathname, query: url.searchParams, via: 'host-header' };
  }
  const match = /^\/([^/]+)(\/.*)?$/.exec(url.pathname);
  const host = match?.[1]?.toLowerCase();
  if (!match || !host || !host.includes('.')) return undefined;
  return { host, path: match[2] ?? '/', query: url.searchParams, via: 'path-prefix' };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException): void =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`fake server: ${LOOPBACK}:${port} is taken (another fake server or demo still running?)`, { cause: error })
          : error,
      );
    server.once('error', fail);
    server.listen(port, LOOPBACK, () => {
      server.off('error', fail);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
