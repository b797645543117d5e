/// <reference lib="dom" />
/**
 * The dashboard page: hash routes (#/, #/hubs, #/events, #/spoke/SITE/NODE),
 * the fleet's rows kept in memory and patched by the live stream, redrawn at
 * most once per animation frame however many spokes changed.
 */
import { Overview, PAGE } from './overview.js';
import { SpokeView } from './spoke.js';
import { api, ApiError, esc, followLive, setSpokeClock, setToken, timeTag, token, type LiveBatch, type Row } from './util.js';

// Where the first render's time goes, read by the bench (performance marks cost nothing otherwise).
performance.mark('spokepilot:script');

const rows = new Map<string, Row>();
const overview = new Overview(rows);
const events: LiveBatch['events'] = [];
type Me = { name: string; canCommand: boolean; spokeClock?: { nowMs: number; speed: number; note: string } };
let me: Me | undefined;
let spoke: SpokeView | undefined;
let view = '';
let frame = 0;
let eventKinds = '';

const main = () => document.getElementById('main')!;

function askToken(message: string): void {
  main().innerHTML = `<h1>Sign in</h1><p>${esc(message)}</p><form id="login"><label>Dashboard token <input id="token" type="password" autocomplete="current-password" required></label> <button type="submit">Open</button></form>`;
  main()
    .querySelector('#login')!
    .addEventListener('submit', (e) => {
      e.preventDefault();
      setToken((document.getElementById('token') as HTMLInputElement).value.trim());
      void start();
    });
  (document.getElementById('token') as HTMLInputElement).focus();
}

async function start(): Promise<void> {
  if (!token())
    return askToken('This dashboard needs a token (printed by `spokepilot fleet serve` at its first start, or made with --new-token).');
  try {
    // The counts and the first page first (drawn at once), then the whole fleet behind them.
    const [who, o] = await Promise.all([api<Me>('/api/me'), api<FirstPage>(`/api/overview?first=${PAGE}`)]);
    me = who;
    setSpokeClock(who.spokeClock);
    if (who.spokeClock) {
      const note = document.getElementById('clock-note')!;
      note.textContent = who.spokeClock.note;
      note.hidden = false;
    }
    for (const r of o.rows) rows.set(r.key, r);
    overview.preview = { counts: o.counts };
    performance.mark('spokepilot:first-page');
  } catch (err) {
    return askToken(
      err instanceof ApiError && err.status === 401 ? 'That token was not accepted.' : `Cannot load the fleet: ${(err as Error).message}`,
    );
  }
  followLive(onBatch, (up) => {
    document.getElementById('conn')!.textContent = up ? `live · ${me?.name}` : 'reconnecting…';
  });
  window.addEventListener('hashchange', () => void route());
  const whole = loadWholeFleet();
  await route();
  if (view === 'overview') {
    performance.mark('spokepilot:first-render');
    // The frame that shows it: its callbacks run just before it is painted.
    requestAnimationFrame(() => performance.mark('spokepilot:first-render-frame'));
  }
  await whole;
}

interface FirstPage {
  rows: Row[];
  counts: NonNullable<Overview['preview']>['counts'];
}

async function loadWholeFleet(): Promise<void> {
  try {
    const o = await api<{ rows: Row[] }>('/api/overview');
    // A row the live stream brought meanwhile may be newer than the snapshot's.
    for (const r of o.rows) {
      const had = rows.get(r.key);
      if (!had || had.lastHeardMs <= r.lastHeardMs) rows.set(r.key, r);
    }
    overview.preview = undefined;
    performance.mark('spokepilot:whole-fleet');
    if (!frame) frame = requestAnimationFrame(redraw);
  } catch (err) {
    document.getElementById('conn')!.textContent = `cannot load the whole fleet: ${(err as Error).message}`;
  }
}

function onBatch(b: LiveBatch): void {
  for (const r of b.rows) rows.set(r.key, r);
  events.unshift(...b.events.reverse());
  events.length = Math.min(events.length, 500);
  if (spoke && b.touched.includes(spoke.key)) spoke.touched(main());
  if (!frame) frame = requestAnimationFrame(redraw);
}

function redraw(): void {
  frame = 0;
  if (view === 'overview') overview.update(main());
  else if (view === 'hubs') void hubs();
  else if (view === 'events') drawEvents();
}

async function route(): Promise<void> {
  spoke?.stop();
  spoke = undefined;
  const h = location.hash.replace(/^#/, '') || '/';
  const m = /^\/spoke\/([^/]+)\/([^/]+)$/.exec(h);
  if (m) {
    view = 'spoke';
    spoke = new SpokeView(`${decodeURIComponent(m[1]!)}/${decodeURIComponent(m[2]!)}`, me?.canCommand === true);
    await spoke.mount(main()).catch((err: Error) => {
      main().innerHTML = `<h1>${esc(spoke?.key)}</h1><p class="bad">${esc(err.message)}</p>`;
    });
  } else if (h === '/hubs') {
    view = 'hubs';
    main().innerHTML = '<h1>Hubs</h1><div id="hubs"></div>';
    await hubs();
  } else if (h === '/events') {
    view = 'events';
    main().innerHTML = `<h1>Live events</h1><form class="filters" role="search"><label>Site or spoke contains<input id="ev-q" type="search" autocomplete="off"></label>
<label>Kind<select id="ev-kind"><option value="">all</option>${['decision', 'path-change', 'health-change', 'route-diff', 'route-violation', 'command', 'warning', 'agent-health', 'drift'].map((k) => `<option>${k}</option>`).join('')}</select></label></form>
<ul class="list" id="events" aria-live="polite"></ul>`;
    main()
      .querySelector('form')!
      .addEventListener('input', () => {
        eventKinds = (document.getElementById('ev-kind') as HTMLSelectElement).value;
        drawEvents();
      });
    if (!events.length) events.push(...(await api<{ events: LiveBatch['events'] }>('/api/events')).events);
    drawEvents();
  } else {
    view = 'overview';
    overview.mount(main());
  }
}

function drawEvents(): void {
  const list = document.getElementById('events');
  if (!list) return;
  const q = (document.getElementById('ev-q') as HTMLInputElement).value.toLowerCase();
  list.innerHTML =
    events
      .filter((e) => (!eventKinds || e.kind === eventKinds) && (!q || e.key.toLowerCase().includes(q)))
      .slice(0, 200)
      .map(
        (e) =>
          `<li>${timeTag(e.ts)}<a href="#/spoke/${e.key.split('/').map(encodeURIComponent).join('/')}">${esc(e.key)}</a> <span class="muted">${esc(e.kind)}</span> ${esc(e.text)}</li>`,
      )
      .join('') || '<li class="muted">Nothing yet.</li>';
}

let hubsLoading = false;
async function hubs(): Promise<void> {
  if (hubsLoading) return;
  hubsLoading = true;
  try {
    const r = await api<{
      hubs: { hub: string; spokes: number; online: number; degraded: number; badCandidates: number; candidates: number }[];
    }>('/api/hubs');
    const box = document.getElementById('hubs');
    if (box)
      box.innerHTML = `<div class="wrap"><table><thead><tr><th scope="col">Hub</th><th scope="col">Spokes on it</th><th scope="col">Online</th><th scope="col">Degraded</th><th scope="col">Candidates via it judged bad</th></tr></thead><tbody>
${r.hubs.map((h) => `<tr><td>${esc(h.hub)}</td><td>${h.spokes}</td><td>${h.online}</td><td class="${h.degraded ? 'bad' : ''}">${h.degraded}</td><td class="${h.badCandidates ? 'bad' : ''}">${h.badCandidates} of ${h.candidates}</td></tr>`).join('')}</tbody></table></div>`;
  } finally {
    hubsLoading = false;
  }
}

void start();
