/**
 * `track N list threshold percentage|weight` and its `config-track` lines
 * `object M weight W` and `threshold percentage|weight up X [down Y]` (also
 * `down Y [up X]`). Ranges as the IOS guide gives them: weights 1-255, up
 * 1-100 (percentage) or 1-255 (weight), and down below up (IOS offers
 * `<0-(up-1)>` once up is typed). Plain `object M` and `no object M` are in
 * track-list.ts, shared with boolean lists.
 */
import { kw, type CommandDef, type Token } from '../../cli/grammar.js';
import type { TrackConfig } from '../config-model.js';
import type { RouterModel } from '../model.js';
import { invalid, num, targetNumber } from './common.js';
import { refuseTypeChange, TRACK_ID } from './track.js';

type Threshold = Extract<TrackConfig, { kind: 'threshold' }>;
type By = Threshold['by'];

const OBJECT: Token = { kind: 'number', name: 'object', min: 1, max: 1000 };
const WEIGHT: Token = { kind: 'number', name: 'weight', min: 1, max: 255 };
const MAX: Record<By, number> = { percentage: 100, weight: 255 };

export function thresholdList(m: RouterModel, ctxTarget: number, by?: By): Threshold {
  const t = m.config.tracks.get(ctxTarget);
  if (t?.kind !== 'threshold' || (by !== undefined && t.by !== by)) invalid();
  return t;
}

export function trackThresholdCommands(m: RouterModel): CommandDef[] {
  const tracks = m.config.tracks;
  const listTrack = (by: By): CommandDef => ({
    modes: ['config'],
    syntax: [...kw('track'), TRACK_ID, ...kw('list', 'threshold', by)],
    handler: (_ctx, args) => {
      const id = num(args, 'track');
      const existing = tracks.get(id);
      refuseTypeChange(existing, 'threshold');
      // Switching between weight and percentage keeps the members but not the thresholds.
      const objects = existing?.kind === 'threshold' ? existing.objects : [];
      const same = existing?.kind === 'threshold' && existing.by === by ? existing : undefined;
      const next: Threshold = { id, kind: 'threshold', by, objects };
      if (existing?.delayUpSec !== undefined) next.delayUpSec = existing.delayUpSec;
      if (existing?.delayDownSec !== undefined) next.delayDownSec = existing.delayDownSec;
      if (same?.up !== undefined) next.up = same.up;
      if (same?.down !== undefined) next.down = same.down;
      tracks.set(id, next);
      return { enter: { mode: 'config-track', target: String(id) } };
    },
  });
  const bound = (by: By, name: 'up' | 'down'): Token => ({
    kind: 'number',
    name,
    min: name === 'up' ? 1 : 0,
    max: MAX[by] - (name === 'up' ? 0 : 1),
  });
  const threshold = (by: By, order: Array<'up' | 'down'>): CommandDef => ({
    modes: ['config-track'],
    syntax: [...kw('threshold', by), ...order.flatMap((name) => [...kw(name), bound(by, name)])],
    handler: (ctx, args) => {
      const t = thresholdList(m, targetNumber(ctx), by);
      const up = order.includes('up') ? num(args, 'up') : undefined;
      const down = order.includes('down') ? num(args, 'down') : undefined;
      if (up !== undefined && down !== undefined && down >= up) invalid();
      // One `threshold` line holds both values, so a new line replaces both.
      const { up: _u, down: _d, ...rest } = t;
      tracks.set(t.id, { ...rest, ...(up !== undefined ? { up } : {}), ...(down !== undefined ? { down } : {}) });
    },
  });
  const byes: By[] = ['percentage', 'weight'];
  return [
    ...byes.map(listTrack),
    ...byes.flatMap((by) => [threshold(by, ['up']), threshold(by, ['down']), threshold(by, ['up', 'down']), threshold(by, ['down', 'up'])]),
    ...byes.map((by): CommandDef => ({
      modes: ['config-track'],
      syntax: kw('no', 'threshold', by),
      handler: (ctx) => {
        const { up: _u, down: _d, ...rest } = thresholdList(m, targetNumber(ctx), by);
        tracks.set(rest.id, rest);
      },
    })),
    {
      modes: ['config-track'],
      syntax: [...kw('object'), OBJECT, ...kw('weight'), WEIGHT],
      handler: (ctx, args) => {
        const t = thresholdList(m, targetNumber(ctx), 'weight');
        setMember(m, t, num(args, 'object'), num(args, 'weight'));
      },
    },
  ];
}

/** An `object` line replaces the one for the same object; IOS lists them by id. */
export function setMember(m: RouterModel, t: Threshold, id: number, weight: number): void {
  const objects = [...t.objects.filter((o) => o.id !== id), { id, weight }].sort((a, b) => a.id - b.id);
  m.config.tracks.set(t.id, { ...t, objects });
}
