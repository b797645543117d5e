/**
 * The `show track` lines of a `list threshold weight|percentage` object, as
 * recalled from IOS 15 (no capture in the corpus): the state line carries the
 * list's value in parentheses (`Threshold Weight is Up (20/30)`,
 * `Threshold Percentage is Up (66%)`), each member line its own share
 * (`object 1 Up (10/30)`, `object 3 Down (0%)`), and a last line the
 * thresholds (`Threshold Weight up 20 down 10`, `Threshold Percentage up 51% down 10%`).
 */
import type { TrackConfig } from '../router/config-model.js';
import { memberShare, THRESHOLD_DEFAULTS, thresholdValue } from '../router/dynamics/track-threshold.js';
import type { RouterModel } from '../router/model.js';

type Threshold = Extract<TrackConfig, { kind: 'threshold' }>;

function stateOf(m: RouterModel): (id: number) => 'up' | 'down' | undefined {
  return (id) => (m.config.tracks.has(id) ? m.rt.tracks.get(id)?.state : undefined);
}

function share(cfg: Threshold, value: number, total: number): string {
  return cfg.by === 'weight' ? `(${value}/${total})` : `(${value}%)`;
}

export function thresholdStateDetail(m: RouterModel, cfg: Threshold): string {
  const { value, total } = thresholdValue(cfg, stateOf(m));
  return ` ${share(cfg, value, total)}`;
}

export function thresholdLines(m: RouterModel, cfg: Threshold): string[] {
  const { total } = thresholdValue(cfg, stateOf(m));
  const out = cfg.objects.map((o) => {
    const up = stateOf(m)(o.id) === 'up';
    return `    object ${o.id} ${up ? 'Up' : 'Down'} ${share(cfg, memberShare(cfg, o, up), total)}`;
  });
  const unit = cfg.by === 'percentage' ? '%' : '';
  const word = cfg.by === 'weight' ? 'Weight' : 'Percentage';
  out.push(`  Threshold ${word} up ${cfg.up ?? THRESHOLD_DEFAULTS.up}${unit} down ${cfg.down ?? THRESHOLD_DEFAULTS.down}${unit}`);
  return out;
}
