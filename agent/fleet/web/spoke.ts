/// <reference lib="dom" />
/**
 * One spoke: state, current path and since when, candidates with live
 * quality, charts, decisions in plain words, route changes, events, and the
 * commands (with each reply) when the token may send them.
 */
import { chartSvg, type Metric, type Point } from './chart.js';
import { api, clock, esc, timeTag } from './util.js';

interface Candidate {
  id: string;
  peer: string;
  source: string;
  verdict: string;
  sinceMs: number;
  suppressed: boolean;
  active: boolean;
  causeText?: string;
  live?: { lossPct: number; rttMs?: number; jitterMs?: number; ts: number };
}
interface Said {
  ts: number;
  kind: string;
  text: string;
}
interface Page {
  key: string;
  site: string;
  node: string;
  status: string;
  degraded: boolean;
  backup: boolean;
  mode?: string;
  version?: string;
  hub?: string;
  wan?: string;
  path?: string;
  pathSince?: number;
  onlineSince?: number;
  offlineReason?: string;
  invalid?: string;
  lastHeardMs: number;
  override?: { text: string };
  storeHealth: string;
  degradations: { component: string; text: string; message: string; sinceMs: number }[];
  tunnel?: { lineProtocol: string; ikeSa: string; ipsecSas: number };
  candidates: Candidate[];
  lastDecision?: { atMs: number; text: string };
  decisions: Said[];
  routeChanges: Said[];
  events: Said[];
  commands: { tx: string; sentMs: number; sentBy: string; cmd: string; args: unknown; ok?: boolean; replyText?: string }[];
}

const fmt = (v: number | undefined, unit: string) => (v === undefined ? '–' : `${Math.round(v * 10) / 10} ${unit}`);
const list = (items: Said[], empty: string) =>
  items.length
    ? `<ul class="list">${items.map((e) => `<li>${timeTag(e.ts)}${esc(e.text)}</li>`).join('')}</ul>`
    : `<p class="muted">${empty}</p>`;

export class SpokeView {
  private range: '1h' | '24h' | '7d' = '24h';
  private metric: Metric = 'rtt';
  private lastFetch = 0;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private page: Page | undefined;
  private lastReply = '';

  constructor(
    readonly key: string,
    private readonly canCommand: boolean,
  ) {}

  async mount(main: HTMLElement): Promise<void> {
    main.innerHTML = `<h1>${esc(this.key)}</h1><div id="spoke"><p>Loading…</p></div>
<section class="card"><h2>Quality history</h2>
<div class="filters"><label>Range<select id="range"><option value="1h">1 h</option><option value="24h" selected>24 h</option><option value="7d">7 days</option></select></label>
<label>Metric<select id="metric"><option value="rtt">RTT</option><option value="loss">loss</option><option value="jitter">jitter</option></select></label></div>
<div id="chart"></div></section>
${this.canCommand ? commandsHtml() : '<p class="muted">This token may view but not send commands.</p>'}
<section class="card"><h2>Commands sent</h2><div id="cmd-log"></div></section>`;
    main.querySelector('#range')!.addEventListener('change', (e) => {
      this.range = (e.target as HTMLSelectElement).value as '1h' | '24h' | '7d';
      void this.chart(main);
    });
    main.querySelector('#metric')!.addEventListener('change', (e) => {
      this.metric = (e.target as HTMLSelectElement).value as Metric;
      void this.chart(main);
    });
    main.querySelector('#commands')?.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send(main, (e as SubmitEvent).submitter as HTMLButtonElement);
    });
    await this.refresh(main);
    await this.chart(main);
  }

  /** Called when the live stream says this spoke changed: at most one fetch a second. */
  touched(main: HTMLElement): void {
    if (this.pending) return;
    const wait = Math.max(0, 1000 - (Date.now() - this.lastFetch));
    this.pending = setTimeout(() => {
      this.pending = undefined;
      void this.refresh(main);
    }, wait);
  }

  stop(): void {
    clearTimeout(this.pending);
  }

  async refresh(main: HTMLElement): Promise<void> {
    this.lastFetch = Date.now();
    const p = await api<Page>(`/api/spoke?key=${encodeURIComponent(this.key)}`);
    this.page = p;
    const box = main.querySelector('#spoke');
    if (!box) return;
    box.innerHTML = `<div class="grid">
<section class="card"><h2>Now</h2>
<p><span class="${p.status}">${esc(p.status)}</span>${p.offlineReason ? ` (${esc(p.offlineReason)})` : ''}${p.degraded ? ' <span class="bad">degraded</span>' : ''}${p.mode === 'dry-run' ? ' <span class="warn">dry-run</span>' : ''}</p>
<p id="current-path">Path: <strong>${esc(p.path ?? 'none')}</strong> (hub ${esc(p.hub ?? '–')}, WAN ${esc(p.wan ?? '–')}), since ${esc(clock(p.pathSince))} ${timeTag(p.pathSince)}${p.backup ? ' <span class="backup">backup path</span>' : ''}</p>
${p.override ? `<p class="override">Override: ${esc(p.override.text)}</p>` : ''}
<p>Tunnel: ${p.tunnel ? `${esc(p.tunnel.lineProtocol)}, IKE ${esc(p.tunnel.ikeSa)}, ${p.tunnel.ipsecSas} IPsec SAs` : '–'}</p>
<p>Agent ${esc(p.version ?? '–')}, online since ${esc(clock(p.onlineSince))}; store: ${esc(p.storeHealth)}</p>
${p.degradations.map((d) => `<p class="bad">${esc(d.component)}: ${esc(d.text)}</p>`).join('')}
${p.invalid ? `<p class="bad">Last message failed the contract: ${esc(p.invalid)}</p>` : ''}</section>
<section class="card" id="last-decision"><h2>Why it is on this path</h2>${p.lastDecision ? `<p>${timeTag(p.lastDecision.atMs)} ${esc(p.lastDecision.text)}</p>` : '<p class="muted">No decision reported yet.</p>'}</section>
</div>
<section class="card"><h2>Candidates</h2><div class="wrap"><table id="candidates"><thead><tr><th scope="col">Candidate</th><th scope="col">Hub</th><th scope="col">WAN</th><th scope="col">Verdict</th><th scope="col">Loss</th><th scope="col">RTT</th><th scope="col">Jitter</th><th scope="col" class="hide-narrow">Why</th></tr></thead><tbody>
${p.candidates
  .map(
    (c) => `<tr><td>${esc(c.id)}${c.active ? ' <strong>(active)</strong>' : ''}</td><td>${esc(c.peer)}</td><td>${esc(c.source)}</td>
<td class="${c.verdict === 'bad' ? 'bad' : c.verdict === 'good' ? 'good' : ''}">${esc(c.verdict)}${c.suppressed ? ' (damped)' : ''} ${timeTag(c.sinceMs)}</td>
<td>${fmt(c.live?.lossPct, '%')}</td><td>${fmt(c.live?.rttMs, 'ms')}</td><td>${fmt(c.live?.jitterMs, 'ms')}</td><td class="hide-narrow">${esc(c.causeText ?? '')}</td></tr>`,
  )
  .join('')}
</tbody></table></div></section>
<div class="grid"><section class="card"><h2>Last decisions</h2><div id="decisions">${list(p.decisions, 'None in the last 30 days.')}</div></section>
<section class="card"><h2>Route changes and violations</h2>${list(p.routeChanges, 'None in the last 30 days.')}</section></div>
<section class="card"><h2>Recent events</h2>${list(p.events, 'None yet.')}</section>`;
    this.fillCommandChoices(main, p);
    const log = main.querySelector('#cmd-log');
    if (log) {
      log.innerHTML = p.commands.length
        ? `<ul class="list">${p.commands.map((c) => `<li>${timeTag(c.sentMs)}<strong>${esc(c.cmd)}</strong> ${esc(JSON.stringify(c.args))} by ${esc(c.sentBy)}: <span class="${c.ok === false ? 'bad' : c.ok ? 'good' : 'muted'}">${esc(c.replyText ?? 'waiting for the reply')}</span></li>`).join('')}</ul>`
        : '<p class="muted">None.</p>';
    }
  }

  private async chart(main: HTMLElement): Promise<void> {
    const s = await api<{ from: number; to: number; resolution: string; points: Point[] }>(
      `/api/series?key=${encodeURIComponent(this.key)}&range=${this.range}`,
    );
    const box = main.querySelector('#chart');
    if (box)
      box.innerHTML = chartSvg(
        s.points,
        this.metric,
        s.from,
        s.to,
        `${this.metric} per candidate, last ${this.range}${s.resolution === 'raw' ? '' : `, ${s.resolution} mean and worst`}`,
      );
  }

  private fillCommandChoices(main: HTMLElement, p: Page): void {
    const sel = main.querySelector('#force-candidate') as HTMLSelectElement | null;
    if (!sel || sel.options.length === p.candidates.length) return;
    sel.innerHTML = p.candidates
      .map((c) => `<option value="${esc(c.peer)}|${esc(c.source)}">${esc(c.id)} (hub ${esc(c.peer)}, WAN ${esc(c.source)})</option>`)
      .join('');
  }

  private async send(main: HTMLElement, button: HTMLButtonElement): Promise<void> {
    if (!this.page) return;
    const out = main.querySelector('#cmd-reply')!;
    const command = button.value;
    const body: Record<string, unknown> = { site: this.page.site, node: this.page.node, command };
    if (command === 'force-path') {
      const [peer, source] = (main.querySelector('#force-candidate') as HTMLSelectElement).value.split('|');
      Object.assign(body, {
        peer,
        source,
        forSec: Math.round(Number((main.querySelector('#force-minutes') as HTMLInputElement).value) * 60),
      });
    }
    if (command === 'set-mode') body.mode = (main.querySelector('#mode') as HTMLSelectElement).value;
    button.disabled = true;
    out.textContent = `${command}: sent, waiting for the agent's reply…`;
    try {
      const r = await api<{
        tx: string;
        cmd: string;
        reply: { ok: boolean; result?: unknown; error?: { code: string; message: string } } | null;
      }>('/api/command', { method: 'POST', body: JSON.stringify(body) });
      this.lastReply = !r.reply
        ? `${r.cmd} (tx ${r.tx}): no reply within 20 s; it will show in the log below if it comes`
        : r.reply.ok
          ? `${r.cmd} (tx ${r.tx}): done${r.reply.result && JSON.stringify(r.reply.result) !== '{}' ? ` ${JSON.stringify(r.reply.result)}` : ''}`
          : `${r.cmd} (tx ${r.tx}): refused or failed: ${r.reply.error?.code}: ${r.reply.error?.message}`;
    } catch (err) {
      this.lastReply = `${command}: not sent: ${(err as Error).message}`;
    }
    out.textContent = this.lastReply;
    button.disabled = false;
    await this.refresh(main);
  }
}

function commandsHtml(): string {
  return `<section class="card commands"><h2>Commands</h2>
<form id="commands" aria-describedby="cmd-reply">
  <label>Force path<select id="force-candidate"></select></label>
  <label>for minutes<input id="force-minutes" type="number" min="1" max="10080" value="60" inputmode="numeric"></label>
  <button type="submit" value="force-path" id="btn-force">Force path</button>
  <button type="submit" value="clear-override" id="btn-clear">Clear override</button>
  <label>Policy mode<select id="mode"><option value="enforce">enforce</option><option value="dry-run">dry-run</option></select></label>
  <button type="submit" value="set-mode" id="btn-mode">Set mode</button>
  <button type="submit" value="snapshot" id="btn-snapshot">Request snapshot</button>
</form>
<p id="cmd-reply" class="reply" role="status" aria-live="polite"></p></section>`;
}
