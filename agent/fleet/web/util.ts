/// <reference lib="dom" />
/** Small helpers of the page: escaping (every value from the network is text, never markup), time, the API. */

import type { OverviewRow } from '../fleet-state.js';

export const esc = (v: unknown): string => String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The spokes' clock as the server gave it (api/me), run on at its speed: the demo's lab plays faster than life. */
let spokeClock: { nowMs: number; speed: number; atMs: number } | undefined;

export function setSpokeClock(c: { nowMs: number; speed: number } | undefined): void {
  spokeClock = c && { nowMs: c.nowMs, speed: c.speed, atMs: Date.now() };
}

/** Now, on the spokes' clock: what their times are read against ("3 min ago"). */
export const spokeNow = (): number => (spokeClock ? spokeClock.nowMs + (Date.now() - spokeClock.atMs) * spokeClock.speed : Date.now());

export function ago(ms: number | undefined, nowMs = spokeNow()): string {
  if (!ms) return '–';
  const s = Math.max(0, Math.round((nowMs - ms) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min ago`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h ago`;
}

// One formatter (toLocaleString builds one per call), made on first use: building it
// loads the locale data, which must not hold up the first requests.
let CLOCK: Intl.DateTimeFormat | undefined;
export const clock = (ms: number | undefined): string =>
  ms ? (CLOCK ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' })).format(ms) : '–';

/** "3 min ago", with the UTC time in the markup (no locale formatting: the first one costs the overview's first render hundreds of ms). */
export const timeTag = (ms: number | undefined): string => {
  if (!ms) return '–';
  const iso = new Date(ms).toISOString();
  return `<time datetime="${iso}" title="${iso.replace('T', ' ').slice(0, 19)} UTC">${esc(ago(ms))}</time>`;
};

const TOKEN_KEY = 'spokepilot-dashboard-token';

let current: string | undefined;

/**
 * The token: from `#token=...` once (then removed from the address bar and
 * kept in this tab's storage, after the first requests are on their way:
 * storage is a round trip to the browser process), else from the storage.
 */
export function token(): string | undefined {
  if (current) return current;
  const m = /[#&]token=([^&]+)/.exec(location.hash);
  if (m) {
    const t = decodeURIComponent(m[1]!);
    current = t;
    setTimeout(() => {
      sessionStorage.setItem(TOKEN_KEY, t);
      history.replaceState(null, '', location.pathname + '#/');
    }, 0);
    return t;
  }
  current = sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  return current;
}

export function setToken(t: string): void {
  current = t;
  sessionStorage.setItem(TOKEN_KEY, t);
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, {
    ...init,
    headers: { ...(init.headers ?? {}), authorization: `Bearer ${token() ?? ''}`, 'content-type': 'application/json' },
  });
  const body = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) throw new ApiError(res.status, body.error ?? `HTTP ${res.status}`);
  return body;
}

/** A spoke's row of the overview, as api/overview and the live batches send it. */
export type Row = OverviewRow;

export interface LiveBatch {
  rows: Row[];
  touched: string[];
  events: { key: string; ts: number; kind: string; text: string }[];
  replies: { key: string; tx: string; ok: boolean; text: string }[];
}

/** Reads the server-sent events with fetch, so the token goes in a header; reconnects after a drop. */
export function followLive(onBatch: (b: LiveBatch) => void, onState: (up: boolean) => void): void {
  const run = async () => {
    try {
      const res = await fetch('/api/live', { headers: { authorization: `Bearer ${token() ?? ''}` } });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      onState(true);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let cut;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const chunk = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const data = chunk
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data) onBatch(JSON.parse(data) as LiveBatch);
        }
      }
    } catch {
      /* reconnect below */
    }
    onState(false);
    setTimeout(() => void run(), 2000);
  };
  void run();
}
