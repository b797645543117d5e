/** Running-config lines of a threshold list: members (weight only when not the default 10), then the thresholds. */
import type { TrackConfig } from '../router/config-model.js';
import { DEFAULT_MEMBER_WEIGHT } from '../router/dynamics/track-threshold.js';

export function thresholdConfigLines(t: Extract<TrackConfig, { kind: 'threshold' }>): string[] {
  const out = t.objects.map((o) => ` object ${o.id}${o.weight !== DEFAULT_MEMBER_WEIGHT ? ` weight ${o.weight}` : ''}`);
  if (t.up !== undefined || t.down !== undefined) {
    out.push(` threshold ${t.by}${t.up !== undefined ? ` up ${t.up}` : ''}${t.down !== undefined ? ` down ${t.down}` : ''}`);
  }
  return out;
}
