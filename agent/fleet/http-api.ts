/**
 * The dashboard's HTTP side: the page, a JSON API, the live stream
 * (server-sent events, read by the page with fetch so the token travels in a
 * header, never in a URL or a cookie) and /metrics. Every route but the page's
 * static files and /healthz needs a token; commands need the command right.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AccessTokens, bearerOf, type Caller } from './access.js';
import { fleetMetricsText } from './fleet-metrics.js';
import type { FleetService, Signer } from './fleet-service.js';
import { pageCommand } from './page-commands.js';
import { hubView, spokePage } from './spoke-page.js';
import type { WebAssets } from './web-assets.js';
import { eventText } from './event-text.js';
import type { EventPayload } from '../../proto/payloads.js';
import type { SpokeClock } from './dashboard.js';

export interface ApiDeps {
  service: FleetService;
  tokens: AccessTokens;
  assets: WebAssets;
  signer?: Signer;
  publish: (topic: string, payload: string) => Promise<void>;
  brokersConnected: () => number;
  spokeClock?: SpokeClock;
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export const MAX_FIRST_PAGE = 500;

/** The `first` parameter: absent, or a whole number of rows from 1 to MAX_FIRST_PAGE; a message otherwise. */
export function firstPageSize(v: string | null): number | undefined | string {
  if (v === null) return undefined;
  const n = Number(v);
  return /^\d+$/.test(v) && n >= 1 && n <= MAX_FIRST_PAGE
    ? n
    : `first must be a whole number of rows from 1 to ${MAX_FIRST_PAGE}, not "${v}"`;
}

/** The n first rows by key in code-unit order (the page's default sort), without sorting the whole fleet. */
export function firstRows<R extends { key: string }>(rows: readonly R[], n: number): R[] {
  const out: R[] = [];
  for (const r of rows) {
    if (out.length === n && r.key >= out[n - 1]!.key) continue;
    let i = out.length;
    while (i > 0 && out[i - 1]!.key > r.key) i--;
    out.splice(i, 0, r);
    if (out.length > n) out.pop();
  }
  return out;
}

const RANGES: Record<string, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 };
const MAX_BODY_BYTES = 16 * 1024;

function send(res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, ...SECURITY_HEADERS, ...extra });
  res.end(body);
}
const json = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
const problem = (res: ServerResponse, status: number, message: string) => json(res, status, { error: message });

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(c as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new Error('the request body is not JSON');
  }
}

export function createDashboardServer(d: ApiDeps): Server {
  let sseClients = 0;
  // The spokes' times are read against their clock: the demo's runs faster than this machine's.
  const now = d.spokeClock?.now ?? Date.now;
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL, who: Caller) => unknown> = {
    'GET /api/me': (_q, res, _u, who) =>
      json(res, 200, {
        name: who.name,
        canCommand: who.canCommand && d.signer !== undefined,
        signing: d.signer !== undefined,
        ...(d.spokeClock ? { spokeClock: { nowMs: d.spokeClock.now(), speed: d.spokeClock.speed, note: d.spokeClock.note } } : {}),
      }),
    'GET /api/overview': (_q, res, url) => {
      const started = performance.now();
      const rows = d.service.state.rows();
      const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
      const counts = {
        total: rows.length,
        online: count((r) => r.status === 'online'),
        offline: count((r) => r.status === 'offline'),
        degraded: count((r) => r.degraded),
        backup: count((r) => r.backup),
        override: count((r) => r.override),
      };
      const first = firstPageSize(url.searchParams.get('first'));
      if (typeof first === 'string') return problem(res, 400, first);
      // ?first=N: the counts and the table's first page in its default order (by key), so the page draws
      // before the whole fleet (a megabyte at 5,000 spokes) has been built, sent and parsed.
      const body = JSON.stringify({
        nowMs: now(),
        brokersConnected: d.brokersConnected(),
        counts,
        rows: first === undefined ? rows : firstRows(rows, first),
        ...(first === undefined ? {} : { partial: true }),
      });
      send(res, 200, 'application/json; charset=utf-8', body, { 'server-timing': `build;dur=${(performance.now() - started).toFixed(1)}` });
    },
    'GET /api/hubs': (_q, res) => json(res, 200, { hubs: hubView(d.service.state.spokes.values()) }),
    'GET /api/spoke': (_q, res, url) => {
      const s = d.service.state.spokes.get(url.searchParams.get('key') ?? '');
      if (!s) return problem(res, 404, `no spoke "${url.searchParams.get('key')}" has been heard from`);
      json(res, 200, spokePage(s, d.service.store, now()));
    },
    'GET /api/series': (_q, res, url) => {
      const key = url.searchParams.get('key') ?? '';
      const range = url.searchParams.get('range') ?? '24h';
      if (!RANGES[range]) return problem(res, 400, `range must be one of ${Object.keys(RANGES).join(', ')}`);
      const to = now();
      json(res, 200, { from: to - RANGES[range], to, ...d.service.store.series(key, to - RANGES[range], to) });
    },
    'GET /api/events': (_q, res, url) => {
      const kinds = url.searchParams.get('kinds')?.split(',').filter(Boolean);
      const site = url.searchParams.get('site') ?? undefined;
      const nowMs = now();
      const events = d.service.store
        .events(undefined, 500, kinds)
        .filter((e) => !site || e.spoke.startsWith(`${site}/`))
        .slice(0, 200)
        .map((e) => ({ key: e.spoke, ts: e.ts, kind: e.kind, text: eventText(JSON.parse(e.body) as EventPayload, nowMs) }));
      json(res, 200, { events });
    },
    'GET /api/live': (req, res, url) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-accel-buffering': 'no', ...SECURITY_HEADERS });
      res.write(': live\n\n');
      sseClients++;
      const site = url.searchParams.get('site') || undefined;
      const kinds = url.searchParams.get('kinds')?.split(',').filter(Boolean);
      const stop = d.service.listen({ ...(site ? { site } : {}), ...(kinds ? { kinds } : {}) }, (b) => {
        if (b.rows.length || b.touched.length || b.events.length || b.replies.length) res.write(`data: ${JSON.stringify(b)}\n\n`);
      });
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.once('close', () => {
        stop();
        clearInterval(ping);
        sseClients--;
      });
    },
    'POST /api/command': async (req, res, _u, who) => {
      if (!d.signer) return problem(res, 409, 'this dashboard was started without --operator-key: it cannot sign commands');
      if (!who.canCommand) return problem(res, 403, `token "${who.name}" may view but not send commands`);
      let c;
      try {
        c = pageCommand(await readJson(req));
      } catch (err) {
        return problem(res, 400, (err as Error).message);
      }
      if (typeof c === 'string') return problem(res, 400, c);
      if (!d.service.state.spokes.has(`${c.site}/${c.node}`))
        return problem(res, 404, `no spoke "${c.site}/${c.node}" has been heard from`);
      try {
        const r = await d.service.command({ ...c, by: who.name, signer: d.signer, publish: d.publish });
        json(res, 200, { tx: r.tx, cmd: c.cmd, reply: r.reply ?? null });
      } catch (err) {
        problem(res, 503, (err as Error).message);
      }
    },
    'GET /metrics': (_q, res) =>
      send(
        res,
        200,
        'text/plain; version=0.0.4; charset=utf-8',
        fleetMetricsText(d.service, { brokersConnected: d.brokersConnected(), rssBytes: process.memoryUsage().rss, sseClients }),
      ),
  };
  const statics: Record<string, [string, () => string]> = {
    '/': ['text/html; charset=utf-8', () => d.assets.html],
    '/app.js': ['text/javascript; charset=utf-8', () => d.assets.js],
    '/app.css': ['text/css; charset=utf-8', () => d.assets.css],
    '/healthz': [
      'application/json',
      () => JSON.stringify({ ok: true, brokersConnected: d.brokersConnected(), spokes: d.service.state.spokes.size }),
    ],
  };
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://dashboard');
    const fixed = req.method === 'GET' ? statics[url.pathname] : undefined;
    if (fixed) return send(res, 200, fixed[0], fixed[1]());
    const route = routes[`${req.method} ${url.pathname}`];
    if (!route) return problem(res, 404, `no such page or API: ${req.method} ${url.pathname}`);
    const who = d.tokens.check(bearerOf(req.headers.authorization));
    if (!who) {
      res.setHeader('www-authenticate', 'Bearer');
      return problem(res, 401, 'a dashboard token is required (Authorization: Bearer TOKEN)');
    }
    Promise.resolve(route(req, res, url, who)).catch((err: Error) => {
      if (!res.headersSent) problem(res, 500, err.message);
    });
  });
}
