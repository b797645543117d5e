/**
 * `show track [N]` (corpus: genieparser ShowTrack golden_output4 for the
 * `IP SLA N state` block, golden_output1 for `Interface IF line-protocol` /
 * `Line protocol is Up`) and `show track [N] brief` (corpus:
 * samples/show_track_brief_1 and _2, the latter with interface and list rows).
 * A list prints `List boolean and`, `Boolean AND is Up`, then one
 * `object M [not] Up|Down` line per member with the member's own state.
 */
import type { TrackConfig } from '../router/config-model.js';
import type { RouterModel } from '../router/model.js';
import { interfaceAddress } from '../router/model.js';
import type { TrackRuntime } from '../router/dynamics/track.js';
import { thresholdLines, thresholdStateDetail } from './track-threshold.js';
import { iosElapsed, pad } from './format.js';
import { CODE_TEXT } from './ip-sla.js';
import { elapsedSec } from './view.js';

const UP_DOWN = { up: 'Up', down: 'Down' } as const;

function sortedTracks(m: RouterModel, only?: number): Array<[TrackConfig, TrackRuntime]> {
  return [...m.config.tracks.values()]
    .filter((c) => only === undefined || c.id === only)
    .sort((a, b) => a.id - b.id)
    .map((c) => [c, m.rt.tracks.get(c.id) ?? { state: 'down', changes: 0, lastChangeAt: m.rt.bootAt }]);
}

/** The object line and the word before ` is Up|Down`. */
function objectLines(cfg: TrackConfig): [string, string] {
  switch (cfg.kind) {
    case 'ip-sla':
      return [`IP SLA ${cfg.operation} ${cfg.parameter}`, cfg.parameter === 'reachability' ? 'Reachability' : 'State'];
    case 'interface':
      return cfg.parameter === 'ip-routing'
        ? [`Interface ${cfg.interface} ip routing`, 'IP routing']
        : [`Interface ${cfg.interface} line-protocol`, 'Line protocol'];
    case 'list':
      return [`List boolean ${cfg.operator}`, `Boolean ${cfg.operator.toUpperCase()}`];
    case 'threshold':
      return [`List threshold ${cfg.by}`, `Threshold ${cfg.by === 'weight' ? 'Weight' : 'Percentage'}`];
    case 'stub-object':
      return ['Stub-object', 'State'];
  }
}

export function renderTrack(m: RouterModel, only?: number): string {
  const out: string[] = [];
  for (const [cfg, rt] of sortedTracks(m, only)) {
    const [object, word] = objectLines(cfg);
    out.push(`Track ${cfg.id}`, `  ${object}`);
    const pending = rt.pending
      ? `, delayed ${UP_DOWN[rt.pending.to]} (${Math.max(1, Math.ceil((rt.pending.at - m.opts.clock.now()) / 1000))} secs remaining)`
      : '';
    // IOS says why an `ip routing` object is down when the interface has no address.
    const why =
      cfg.kind === 'interface' && cfg.parameter === 'ip-routing' && rt.state === 'down' && !interfaceAddress(m, cfg.interface)
        ? ' (no ip addr)'
        : '';
    const detail = cfg.kind === 'threshold' ? thresholdStateDetail(m, cfg) : '';
    out.push(`  ${word} is ${UP_DOWN[rt.state]}${why}${detail}${pending}`);
    out.push(`    ${rt.changes} change${rt.changes === 1 ? '' : 's'}, last change ${iosElapsed(elapsedSec(m, rt.lastChangeAt))}`);
    if (cfg.kind === 'list') {
      for (const o of cfg.objects)
        out.push(`    object ${o.id}${o.negated ? ' not' : ''} ${UP_DOWN[m.rt.tracks.get(o.id)?.state ?? 'down']}`);
    }
    if (cfg.kind === 'threshold') out.push(...thresholdLines(m, cfg));
    const delay = [
      cfg.delayUpSec !== undefined ? `up ${cfg.delayUpSec} secs` : '',
      cfg.delayDownSec !== undefined ? `down ${cfg.delayDownSec} secs` : '',
    ]
      .filter(Boolean)
      .join(', ');
    if (delay) out.push(`  Delay ${delay}`);
    if (cfg.kind === 'ip-sla') {
      const sla = m.rt.slas.get(cfg.operation);
      if (sla?.code) {
        out.push(`  Latest operation return code: ${CODE_TEXT[sla.code]}`);
        if (sla.rttMs !== undefined) out.push(`  Latest RTT (millisecs) ${sla.rttMs}`);
      }
    }
  }
  return out.join('\n');
}

/** Type, Instance and Parameter columns; a list has no instance and its parameter is just `boolean` (samples/show_track_brief_2). */
function briefColumns(cfg: TrackConfig): [string, string, string] {
  switch (cfg.kind) {
    case 'ip-sla':
      return ['ip sla', String(cfg.operation), cfg.parameter];
    case 'interface':
      return ['interface', cfg.interface, cfg.parameter === 'ip-routing' ? 'ip routing' : 'line-protocol'];
    case 'list':
      return ['list', '', 'boolean'];
    case 'threshold':
      return ['list', '', 'threshold'];
    case 'stub-object':
      return ['stub-object', '', ''];
  }
}

export function renderTrackBrief(m: RouterModel, only?: number): string {
  const out = ['Track Type        Instance                   Parameter        State Last Change'];
  for (const [cfg, rt] of sortedTracks(m, only)) {
    const [type, instance, parameter] = briefColumns(cfg);
    out.push(
      `${pad(cfg.id, 6)}${pad(type, 12)}${pad(instance, 27)}${pad(parameter, 17)}${pad(UP_DOWN[rt.state], 6)}${iosElapsed(elapsedSec(m, rt.lastChangeAt))}`,
    );
  }
  return out.join('\n');
}
