/** Timeline text for a path change: what an operator would say about it. */
import type { DscpImpairment, KindLoss, LossSpec } from '../world/world.js';
import type { PathChange } from './schema.js';

function loss(what: string, s: LossSpec | null | undefined): string {
  if (s === undefined) return '';
  if (s === null) return `${what} as the path`;
  return `${what} ${s.pct}%${s.burst !== undefined ? ` in bursts of ${s.burst}` : ''}`;
}

function kindText(kind: string, k: KindLoss | null): string {
  if (k === null) return `${kind} as other traffic`;
  const parts = [loss('loss', k.roundTrip), loss('upstream loss', k.upstream), loss('downstream loss', k.downstream)].filter(Boolean);
  return `${kind} ${parts.join(' and ')}`;
}

function dscpText(dscp: string, d: DscpImpairment | null): string {
  if (d === null) return `DSCP ${dscp} as other traffic`;
  const parts = [
    d.latencyMs ? `+${d.latencyMs} ms` : '',
    d.jitterMs ? `jitter +${d.jitterMs} ms` : '',
    d.lossPct ? `loss +${d.lossPct}%` : '',
  ].filter(Boolean);
  return `DSCP ${dscp} ${parts.join(' ') || 'as other traffic'}`;
}

export function describePathChange(c: PathChange): string {
  const parts = [
    c.latencyMs !== undefined ? `latency ${c.latencyMs} ms` : '',
    c.jitterMs !== undefined ? `jitter ${c.jitterMs} ms` : '',
    c.lossPct !== undefined ? `loss ${c.lossPct}%` : '',
    c.lossBurst === null ? 'loss independent' : c.lossBurst !== undefined ? `loss in bursts of ${c.lossBurst}` : '',
    loss('upstream loss', c.upstreamLoss),
    loss('downstream loss', c.downstreamLoss),
    ...Object.entries(c.byKind ?? {}).map(([kind, k]) => (k === undefined ? '' : kindText(kind, k))),
    ...Object.entries(c.byDscp ?? {}).map(([dscp, d]) => (d === undefined ? '' : dscpText(dscp, d))),
    c.delaySpikes === null
      ? 'no delay spikes'
      : c.delaySpikes
        ? `${c.delaySpikes.pct}% of packets delayed ${c.delaySpikes.minMs}-${c.delaySpikes.maxMs} ms more`
        : '',
    c.up !== undefined ? (c.up ? 'up' : 'down') : '',
  ].filter(Boolean);
  return `path ${c.wan} -> ${c.to === '*' ? 'all' : c.to}: ${parts.join(', ')}`;
}
