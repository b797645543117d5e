/**
 * `track N stub-object`, `track N ip sla M state|reachability` and their
 * `config-track` lines (`default-state`, `delay`); interface and list
 * tracks are in track-list.ts.
 */
import { CliError, kw, type CommandDef } from '../../cli/grammar.js';
import type { TrackConfig } from '../config-model.js';
import type { RouterModel } from '../model.js';
import { invalid, num, targetNumber } from './common.js';

export const TRACK_ID = { kind: 'number', name: 'track', min: 1, max: 1000 } as const;
const SLA_ID = { kind: 'number', name: 'operation', min: 1, max: 2147483647 } as const;
/** IOS: `delay up|down <1-180>`; 0 is refused with the caret under it (the matcher's range check). */
const SECONDS = (name: string) => ({ kind: 'number', name, min: 1, max: 180 }) as const;

/** IOS refuses to turn an existing object into another kind; it must be removed first. */
export function refuseTypeChange(existing: TrackConfig | undefined, kind: TrackConfig['kind']): void {
  if (existing && existing.kind !== kind) throw new CliError(['%Track type cannot be changed; remove the track object first']);
}

export function trackCommands(m: RouterModel): CommandDef[] {
  const tracks = m.config.tracks;
  const slaTrack = (parameter: 'state' | 'reachability'): CommandDef => ({
    modes: ['config'],
    syntax: [...kw('track'), TRACK_ID, ...kw('ip', 'sla'), SLA_ID, ...kw(parameter)],
    handler: (_ctx, args) => {
      const id = num(args, 'track');
      const existing = tracks.get(id);
      refuseTypeChange(existing, 'ip-sla');
      const next: TrackConfig = { ...(existing ?? {}), id, kind: 'ip-sla', operation: num(args, 'operation'), parameter };
      tracks.set(id, next);
      return { enter: { mode: 'config-track', target: String(id) } };
    },
  });
  const delay = (syntaxTail: CommandDef['syntax'], apply: (t: TrackConfig, a: Record<string, string | number>) => void): CommandDef => ({
    modes: ['config-track'],
    syntax: [...kw('delay'), ...syntaxTail],
    handler: (ctx, args) => {
      const t = tracks.get(targetNumber(ctx));
      if (!t) invalid();
      // `delay` replaces both directions at once, as IOS shows one `delay` line.
      const { delayUpSec: _u, delayDownSec: _d, ...rest } = t;
      const next = { ...rest } as TrackConfig;
      apply(next, args);
      tracks.set(t.id, next);
    },
  });
  return [
    {
      modes: ['config'],
      syntax: [...kw('track'), TRACK_ID, ...kw('stub-object')],
      handler: (_ctx, args) => {
        const id = num(args, 'track');
        const existing = tracks.get(id);
        refuseTypeChange(existing, 'stub-object');
        // A new stub object is down until `default-state up` says otherwise.
        if (!existing) tracks.set(id, { id, kind: 'stub-object', defaultState: 'down' });
        return { enter: { mode: 'config-track', target: String(id) } };
      },
    },
    slaTrack('state'),
    slaTrack('reachability'),
    {
      modes: ['config'],
      syntax: [...kw('no', 'track'), TRACK_ID],
      handler: (_ctx, args) => {
        const id = num(args, 'track');
        if (!tracks.has(id)) throw new CliError([`%Track object ${id} does not exist`]);
        tracks.delete(id);
        m.rt.stubStates.delete(id);
      },
    },
    ...(['up', 'down'] as const).map((state): CommandDef => ({
      modes: ['config-track'],
      syntax: kw('default-state', state),
      handler: (ctx) => {
        const t = tracks.get(targetNumber(ctx));
        if (t?.kind !== 'stub-object') invalid();
        tracks.set(t.id, { ...t, defaultState: state });
        // Entering default-state sets the state again, over an EEM `action track set`.
        m.rt.stubStates.delete(t.id);
      },
    })),
    delay([...kw('up'), SECONDS('up'), ...kw('down'), SECONDS('down')], (t, a) => {
      t.delayUpSec = num(a, 'up');
      t.delayDownSec = num(a, 'down');
    }),
    delay([...kw('down'), SECONDS('down'), ...kw('up'), SECONDS('up')], (t, a) => {
      t.delayUpSec = num(a, 'up');
      t.delayDownSec = num(a, 'down');
    }),
    delay([...kw('up'), SECONDS('up')], (t, a) => {
      t.delayUpSec = num(a, 'up');
    }),
    delay([...kw('down'), SECONDS('down')], (t, a) => {
      t.delayDownSec = num(a, 'down');
    }),
    {
      modes: ['config-track'],
      syntax: kw('no', 'delay'),
      handler: (ctx) => {
        const t = tracks.get(targetNumber(ctx));
        if (!t) invalid();
        const { delayUpSec: _u, delayDownSec: _d, ...rest } = t;
        tracks.set(t.id, rest as TrackConfig);
      },
    },
  ];
}
