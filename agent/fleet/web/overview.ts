/// <reference lib="dom" />
/**
 * The overview: counts, then every spoke in a table that sorts, filters and
 * searches. Paged (100 rows) so 5,000 spokes render as fast as 100; the
 * controls are built once and only the counts, rows and pager are redrawn.
 */
import { ago, esc, timeTag, type Row } from './util.js';

export const PAGE = 100;
type SortKey = 'key' | 'status' | 'hub' | 'wan' | 'path' | 'version' | 'pathSince' | 'lastHeardMs';
const COLUMNS: [SortKey, string, string?][] = [
  ['key', 'Spoke'],
  ['status', 'State'],
  ['hub', 'Hub'],
  ['wan', 'WAN', 'hide-narrow'],
  ['path', 'Path'],
  ['pathSince', 'On it since', 'hide-narrow'],
  ['version', 'Version', 'hide-narrow'],
  ['lastHeardMs', 'Heard', 'hide-narrow'],
];
const STATES = ['all', 'online', 'offline', 'degraded', 'backup', 'override'] as const;

export class Overview {
  /**
   * Set while only the first page has arrived: the server's counts stand for
   * the fleet's, and the table and pager show that page of the whole (filters
   * and the next page wait for the rest).
   */
  preview: { counts: { total: number; online: number; offline: number; degraded: number; backup: number; override: number } } | undefined;
  private sort: { key: SortKey; desc: boolean } = { key: 'key', desc: false };
  private page = 0;
  private filters = { q: '', state: 'all', hub: '', path: '', version: '', site: '' };
  private optionSets = { hub: '', path: '', version: '' };

  constructor(private readonly rows: Map<string, Row>) {}

  mount(main: HTMLElement): void {
    main.innerHTML = `<h1>Fleet overview</h1>
<div class="counts" id="counts" aria-live="polite"></div>
<form class="filters" id="filters" role="search" aria-label="Filter spokes">
  <label>Search<input id="f-q" type="search" placeholder="site, node, hub…" autocomplete="off"></label>
  <label>Site<input id="f-site" type="text" size="10" autocomplete="off"></label>
  <label>State<select id="f-state">${STATES.map((s) => `<option value="${s}">${s}</option>`).join('')}</select></label>
  <label>Hub<select id="f-hub"></select></label>
  <label>Path<select id="f-path"></select></label>
  <label>Version<select id="f-version"></select></label>
</form>
<div class="wrap"><table aria-describedby="shown"><thead><tr>${COLUMNS.map(
      ([k, label, cls]) =>
        `<th scope="col" class="${cls ?? ''}" data-col="${k}"><button type="button" data-sort="${k}">${label}</button></th>`,
    ).join('')}</tr></thead>
<tbody id="rows"></tbody></table></div>
<div class="pager"><button type="button" id="prev">Previous</button><span id="shown" role="status"></span><button type="button" id="next">Next</button></div>`;
    const form = main.querySelector('#filters')!;
    form.addEventListener('submit', (e) => e.preventDefault());
    form.addEventListener('input', () => {
      const val = (id: string) => (main.querySelector(`#f-${id}`) as HTMLInputElement).value;
      this.filters = {
        q: val('q').trim().toLowerCase(),
        site: val('site').trim().toLowerCase(),
        state: val('state'),
        hub: val('hub'),
        path: val('path'),
        version: val('version'),
      };
      this.page = 0;
      this.update(main);
    });
    main.querySelector('thead')!.addEventListener('click', (e) => {
      const k = (e.target as HTMLElement).closest('button')?.dataset.sort as SortKey | undefined;
      if (!k) return;
      this.sort = { key: k, desc: this.sort.key === k ? !this.sort.desc : false };
      this.update(main);
    });
    main.querySelector('#prev')!.addEventListener('click', () => {
      this.page = Math.max(0, this.page - 1);
      this.update(main);
    });
    main.querySelector('#next')!.addEventListener('click', () => {
      this.page++;
      this.update(main);
    });
    this.optionSets = { hub: '', path: '', version: '' };
    this.update(main);
  }

  private matches(r: Row): boolean {
    const f = this.filters;
    if (f.site && !r.site.toLowerCase().includes(f.site)) return false;
    if (f.hub && r.hub !== f.hub) return false;
    if (f.path && r.path !== f.path) return false;
    if (f.version && r.version !== f.version) return false;
    switch (f.state) {
      case 'online':
      case 'offline':
        if (r.status !== f.state) return false;
        break;
      case 'degraded':
        if (!r.degraded) return false;
        break;
      case 'backup':
        if (!r.backup) return false;
        break;
      case 'override':
        if (!r.override) return false;
        break;
    }
    return !f.q || `${r.key} ${r.hub ?? ''} ${r.wan ?? ''} ${r.path ?? ''} ${r.version ?? ''}`.toLowerCase().includes(f.q);
  }

  update(main: HTMLElement): void {
    const tbody = main.querySelector('#rows');
    if (!tbody) return;
    const all = [...this.rows.values()];
    const count = (f: (r: Row) => boolean) => all.filter(f).length;
    const c = this.preview?.counts ?? {
      total: all.length,
      online: count((r) => r.status === 'online'),
      offline: count((r) => r.status === 'offline'),
      degraded: count((r) => r.degraded),
      backup: count((r) => r.backup),
      override: count((r) => r.override),
    };
    main.querySelector('#counts')!.innerHTML = [
      ['Spokes', c.total, ''],
      ['Online', c.online, 'online'],
      ['Offline', c.offline, 'offline'],
      ['Degraded', c.degraded, 'bad'],
      ['On backup path', c.backup, 'backup'],
      ['In override', c.override, 'override'],
    ]
      .map(([label, n, cls]) => `<div class="count"><b class="${cls}">${n}</b>${label}</div>`)
      .join('');
    this.options(
      main,
      'hub',
      all.map((r) => r.hub),
    );
    this.options(
      main,
      'path',
      all.map((r) => r.path),
    );
    this.options(
      main,
      'version',
      all.map((r) => r.version),
    );
    const { key, desc } = this.sort;
    const shown = all
      .filter((r) => this.matches(r))
      .sort((a, b) => {
        const x = a[key] ?? '';
        const y = b[key] ?? '';
        // Plain code-unit order: localeCompare costs tens of ms over 5,000 rows.
        const c = typeof x === 'number' && typeof y === 'number' ? x - y : cmp(String(x), String(y));
        return (desc ? -c : c) || cmp(a.key, b.key);
      });
    // The first page of the whole, as long as nothing narrows or reorders it.
    const whole =
      this.preview && this.page === 0 && key === 'key' && !desc && Object.values(this.filters).every((v) => v === '' || v === 'all');
    const total = whole ? this.preview!.counts.total : shown.length;
    const pages = Math.max(1, Math.ceil(total / PAGE));
    this.page = Math.min(this.page, pages - 1);
    const slice = shown.slice(this.page * PAGE, (this.page + 1) * PAGE);
    tbody.innerHTML = slice.map(rowHtml).join('') || `<tr><td colspan="${COLUMNS.length}">No spoke matches.</td></tr>`;
    main.querySelectorAll('th[data-col]').forEach((th) => {
      const k = (th as HTMLElement).dataset.col;
      th.setAttribute('aria-sort', k === key ? (desc ? 'descending' : 'ascending') : 'none');
    });
    main.querySelector('#shown')!.textContent =
      `${total ? this.page * PAGE + 1 : 0}–${this.page * PAGE + slice.length} of ${total}${this.preview && !whole ? ' loaded so far' : ''} (page ${this.page + 1} of ${pages})`;
    (main.querySelector('#prev') as HTMLButtonElement).disabled = this.page === 0;
    (main.querySelector('#next') as HTMLButtonElement).disabled = this.page >= pages - 1 || this.preview !== undefined;
  }

  private options(main: HTMLElement, id: 'hub' | 'path' | 'version', values: (string | undefined)[]): void {
    const set = [...new Set(values.filter((v): v is string => !!v))].sort();
    const sig = set.join('\n');
    if (sig === this.optionSets[id]) return;
    this.optionSets[id] = sig;
    const sel = main.querySelector(`#f-${id}`) as HTMLSelectElement;
    const was = sel.value;
    sel.innerHTML = `<option value="">all</option>${set.map((v) => `<option${v === was ? ' selected' : ''}>${esc(v)}</option>`).join('')}`;
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function stateCell(r: Row): string {
  const marks = [
    r.degraded ? '<span class="bad">degraded</span>' : '',
    r.backup ? '<span class="backup">backup path</span>' : '',
    r.override ? '<span class="override">override</span>' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `<span class="${r.status}">${r.status}</span>${marks ? ` ${marks}` : ''}${r.mode === 'dry-run' ? ' <span class="muted">dry-run</span>' : ''}`;
}

function rowHtml(r: Row): string {
  return `<tr data-key="${esc(r.key)}"><td><a href="#/spoke/${encodeURIComponent(r.site)}/${encodeURIComponent(r.node)}">${esc(r.key)}</a></td>
<td>${stateCell(r)}</td><td>${esc(r.hub ?? '–')}</td><td class="hide-narrow">${esc(r.wan ?? '–')}</td><td>${esc(r.path ?? '–')}</td>
<td class="hide-narrow">${timeTag(r.pathSince)}</td><td class="hide-narrow">${esc(r.version ?? '–')}</td><td class="hide-narrow" title="${esc(ago(r.lastHeardMs))}">${timeTag(r.lastHeardMs)}</td></tr>`;
}
