/// <reference lib="dom" />
/**
 * A line chart of one metric per candidate, in SVG: a few hundred points per
 * line need no charting library. The line is the mean; a shaded band behind
 * it reaches to the worst (and for RTT down to the best) of each bucket, so a
 * one-minute spike stays visible in a week of hourly buckets.
 */
import { esc } from './util.js';

export interface Point {
  candidate: string;
  t: number;
  loss: number | null;
  rtt: number | null;
  jitter: number | null;
  lossMax?: number | null;
  rttMin?: number | null;
  rttMax?: number | null;
  jitterMax?: number | null;
}
export type Metric = 'rtt' | 'loss' | 'jitter';
const UNIT: Record<Metric, string> = { rtt: 'ms', loss: '%', jitter: 'ms' };
const low = (p: Point, m: Metric): number | null => (m === 'rtt' ? (p.rttMin ?? p.rtt) : p[m]);
const high = (p: Point, m: Metric): number | null => p[`${m}Max`] ?? p[m];

export function chartSvg(points: Point[], metric: Metric, from: number, to: number, title: string): string {
  const W = 600;
  const H = 180;
  const L = 44;
  const B = 20;
  const byCandidate = new Map<string, Point[]>();
  for (const p of points)
    if (p[metric] !== null) (byCandidate.get(p.candidate) ?? byCandidate.set(p.candidate, []).get(p.candidate)!).push(p);
  const max = Math.max(1, ...points.map((p) => high(p, metric) ?? 0)) * 1.1;
  const x = (t: number) => L + ((t - from) / Math.max(1, to - from)) * (W - L - 4);
  const y = (v: number) => 4 + (1 - v / max) * (H - B - 4);
  const xy = (t: number, v: number) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`;
  const bands = [...byCandidate.values()].map((ps, i) => {
    if (!ps.some((p) => high(p, metric) !== low(p, metric))) return '';
    const top = ps.map((p) => xy(p.t, high(p, metric) ?? p[metric]!));
    const bottom = ps.map((p) => xy(p.t, low(p, metric) ?? p[metric]!)).reverse();
    return `<polygon class="band c${i % 4}" points="${[...top, ...bottom].join(' ')}"/>`;
  });
  const lines = [...byCandidate.entries()].map(
    ([c, ps], i) =>
      `<polyline class="c${i % 4}" fill="none" stroke-width="1.5" points="${ps.map((p) => `${x(p.t).toFixed(1)},${y(p[metric]!).toFixed(1)}`).join(' ')}"><title>${esc(c)}</title></polyline>`,
  );
  const ticks = [0, 0.5, 1].map(
    (f) => `<text x="${L - 4}" y="${y(max * f) + 4}" text-anchor="end">${(max * f).toFixed(metric === 'loss' ? 0 : 0)}</text>`,
  );
  const hours = (to - from) / 3_600_000;
  const labels = [0, 0.5, 1].map((f) => {
    const t = new Date(from + f * (to - from));
    const text = hours > 48 ? t.toLocaleDateString() : t.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    return `<text x="${x(from + f * (to - from))}" y="${H - 4}" text-anchor="${f === 0 ? 'start' : f === 1 ? 'end' : 'middle'}">${esc(text)}</text>`;
  });
  const legend = [...byCandidate.keys()].map((c, i) => `<span class="c${i % 4}">■ ${esc(c)}</span>`).join('');
  const empty = byCandidate.size === 0 ? `<text x="${W / 2}" y="${H / 2}" text-anchor="middle">no samples in this range</text>` : '';
  return `<figure class="chart"><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)} (${UNIT[metric]})">
<line class="axis" x1="${L}" y1="${H - B}" x2="${W}" y2="${H - B}"/><line class="axis" x1="${L}" y1="0" x2="${L}" y2="${H - B}"/>
${ticks.join('')}${labels.join('')}${bands.join('')}${lines.join('')}${empty}</svg><figcaption class="legend">${esc(title)} (${UNIT[metric]}): ${legend || '–'}</figcaption></figure>`;
}
