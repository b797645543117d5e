/**
 * `track N list threshold percentage|weight` (Cisco IOS Enhanced Object
 * Tracking guide, "Tracked List with a Weight/Percentage Threshold"): the list
 * is up once the weight (or the percentage) of its members that are up reaches
 * the `up` threshold, and down only once it falls to the `down` threshold or
 * below; in between it keeps its state. Members weigh 10 unless `weight W`
 * says otherwise; a percentage list counts every member alike. An absent
 * member counts as down, as in boolean lists.
 */
import type { UpDown, WeightedMember } from '../config-model.js';

/** `threshold percentage|weight` when none is configured (as NX-OS and ACI document: up 1, down 0). */
export const THRESHOLD_DEFAULTS = { up: 1, down: 0 } as const;
export const DEFAULT_MEMBER_WEIGHT = 10;

export interface ThresholdList {
  by: 'percentage' | 'weight';
  objects: readonly WeightedMember[];
  up?: number;
  down?: number;
}

/**
 * What `show track` prints in parentheses: the weight of the members that are
 * up out of the total (`20/30`), or the whole percentage of members up (`66%`).
 */
export function thresholdValue(list: ThresholdList, stateOf: (id: number) => UpDown | undefined): { value: number; total: number } {
  const up = list.objects.filter((o) => stateOf(o.id) === 'up');
  if (list.by === 'weight') return { value: up.reduce((s, o) => s + o.weight, 0), total: list.objects.reduce((s, o) => s + o.weight, 0) };
  return { value: list.objects.length === 0 ? 0 : Math.floor((100 * up.length) / list.objects.length), total: 100 };
}

/** The member's own share, as `show track` prints it after each object (`object 2 Up (10/30)`, `(33%)`). */
export function memberShare(list: ThresholdList, member: WeightedMember, up: boolean): number {
  if (!up) return 0;
  return list.by === 'weight' ? member.weight : Math.floor(100 / Math.max(1, list.objects.length));
}

export function thresholdTarget(list: ThresholdList, stateOf: (id: number) => UpDown | undefined, current: UpDown): UpDown {
  const { value } = thresholdValue(list, stateOf);
  const up = list.up ?? THRESHOLD_DEFAULTS.up;
  const down = list.down ?? THRESHOLD_DEFAULTS.down;
  if (value >= up) return 'up';
  if (value <= down) return 'down';
  return current;
}
