/**
 * `show track [N]` (corpus: genieparser ShowTrack golden_output4, IOS's
 * `IP SLA N state` block) and `show track [N] brief` (corpus:
 * samples/show_track_brief_1 and _2).
 */
import type { TrackConfig } from '../router/config-model.js';
import type { RouterModel } from '../router/model.js';
import type { TrackRuntime } from '../router/dynamics/track.js';
import { iosElapsed, pad } from './format.js';
import { elapsedSec } from './view.js';

const UP_DOWN = { up: 'Up', down: 'Down' } as const;
const RETURN_CODE = { ok: 'OK', timeout: 'Timeout', 'over-threshold': 'Over threshold' } as const;

function sortedTracks(m: RouterModel, only?: number): Array<[TrackConfig, TrackRuntime]> {
  return [...m.config.tracks.values()]
    .filter((c) => only === undefined || c.id === only)
    .sort((a, b) => a.id - b.id)
    .map((c) => [c, m.rt.tracks.get(c.id) ?? { state: 'down', changes: 0, lastChangeAt: m.rt.bootAt }]);
}

export function renderTrack(m: RouterModel, only?: number): string {
  const out: string[] = [];
  for (const [cfg, rt] of sortedTracks(m, only)) {
    out.push(`Track ${cfg.id}`);
    out.push(cfg.kind === 'ip-sla' ? `  IP SLA ${cfg.operation} ${cfg.parameter}` : '  Stub-object');
    const word = cfg.kind === 'ip-sla' && cfg.parameter === 'reachability' ? 'Reachability' : 'State';
    const pending = rt.pending ? `, delayed ${UP_DOWN[rt.pending.to]} (${Math.max(1, Math.ceil((rt.pending.at - m.opts.clock.now()) / 1000))} secs remaining)` : '';
    out.push(`  ${word} is ${UP_DOWN[rt.state]}${pending}`);
    out.push(`    ${rt.changes} change${rt.changes === 1 ? '' : 's'}, last change ${iosElapsed(elapsedSec(m, rt.lastChangeAt))}`);
    const delay = [cfg.delayUpSec !== undefined ? `up ${cfg.delayUpSec} secs` : '', cfg.delayDownSec !== undefined ? `down ${cfg.delayDownSec} secs` : ''].filter(Boolean).join(', ');
    if (delay) out.push(`  Delay ${delay}`);
    if (cfg.kind === 'ip-sla') {
      const sla = m.rt.slas.get(cfg.operation);
      if (sla?.code) {
        out.push(`  Latest operation return code: ${RETURN_CODE[sla.code]}`);
        if (sla.rttMs !== undefined) out.push(`  Latest RTT (millisecs) ${sla.rttMs}`);
      }
    }
  }
  return out.join('\n');
}

export function renderTrackBrief(m: RouterModel, only?: number): string {
  const out = ['Track Type        Instance                   Parameter        State Last Change'];
  for (const [cfg, rt] of sortedTracks(m, only)) {
    const [type, instance, parameter] = cfg.kind === 'ip-sla' ? ['ip sla', String(cfg.operation), cfg.parameter] : ['stub-object', '', ''];
    out.push(`${pad(cfg.id, 6)}${pad(type, 12)}${pad(instance, 27)}${pad(parameter, 17)}${pad(UP_DOWN[rt.state], 6)}${iosElapsed(elapsedSec(m, rt.lastChangeAt))}`);
  }
  return out.join('\n');
}
