/**
 * `track N interface IF line-protocol|ip routing`, `track N list boolean
 * and|or` and the list's `config-track` lines `object M [not]` / `no object M`
 * (threshold lists share `object M` and `no object M`).
 * As IOS does, a list may name an object that is not configured yet (it
 * counts as down until it is), and a track may name a virtual interface
 * that does not exist yet.
 */
import { kw, type CommandDef, type Token } from '../../cli/grammar.js';
import type { TrackConfig } from '../config-model.js';
import type { RouterModel } from '../model.js';
import { invalid, num, str, targetNumber } from './common.js';
import { refuseTypeChange, TRACK_ID } from './track.js';
import { setMember } from './track-threshold.js';
import { DEFAULT_MEMBER_WEIGHT } from '../dynamics/track-threshold.js';

const OBJECT: Token = { kind: 'number', name: 'object', min: 1, max: 1000 };

export function trackListCommands(m: RouterModel): CommandDef[] {
  const tracks = m.config.tracks;
  const interfaceTrack = (words: string[], parameter: 'line-protocol' | 'ip-routing'): CommandDef => ({
    modes: ['config'],
    syntax: [...kw('track'), TRACK_ID, ...kw('interface'), { kind: 'interface', name: 'interface' }, ...kw(...words)],
    handler: (_ctx, args) => {
      const id = num(args, 'track');
      const name = str(args, 'interface');
      // Running-config lists tracks before interfaces, so a virtual interface may come later.
      if (!m.config.interfaces.has(name) && !/^(Tunnel|Loopback)\d+$/.test(name)) invalid();
      const existing = tracks.get(id);
      refuseTypeChange(existing, 'interface');
      tracks.set(id, { ...(existing ?? {}), id, kind: 'interface', interface: name, parameter });
      return { enter: { mode: 'config-track', target: String(id) } };
    },
  });
  const listTrack = (operator: 'and' | 'or'): CommandDef => ({
    modes: ['config'],
    syntax: [...kw('track'), TRACK_ID, ...kw('list', 'boolean', operator)],
    handler: (_ctx, args) => {
      const id = num(args, 'track');
      const existing = tracks.get(id);
      refuseTypeChange(existing, 'list');
      // Re-entering a list with the other operator keeps its objects.
      tracks.set(id, { ...(existing ?? {}), id, kind: 'list', operator, objects: existing?.kind === 'list' ? existing.objects : [] });
      return { enter: { mode: 'config-track', target: String(id) } };
    },
  });
  const list = (id: number): Extract<TrackConfig, { kind: 'list' }> => {
    const t = tracks.get(id);
    if (t?.kind !== 'list') invalid();
    return t;
  };
  const object = (negated: boolean): CommandDef => ({
    modes: ['config-track'],
    syntax: [...kw('object'), OBJECT, ...(negated ? kw('not') : [])],
    handler: (ctx, args) => {
      const id = num(args, 'object');
      const any = tracks.get(targetNumber(ctx));
      // Threshold lists take `object M` too (weight 10), but never `not`.
      if (any?.kind === 'threshold' && !negated) return setMember(m, any, id, DEFAULT_MEMBER_WEIGHT);
      const t = list(targetNumber(ctx));
      // An `object` line replaces the one for the same object; IOS lists them by id.
      const objects = [...t.objects.filter((o) => o.id !== id), { id, negated }].sort((a, b) => a.id - b.id);
      tracks.set(t.id, { ...t, objects });
    },
  });
  return [
    interfaceTrack(['line-protocol'], 'line-protocol'),
    interfaceTrack(['ip', 'routing'], 'ip-routing'),
    listTrack('and'),
    listTrack('or'),
    object(false),
    object(true),
    {
      modes: ['config-track'],
      syntax: [...kw('no', 'object'), OBJECT],
      handler: (ctx, args) => {
        const t = tracks.get(targetNumber(ctx));
        if (t?.kind !== 'list' && t?.kind !== 'threshold') invalid();
        const id = num(args, 'object');
        if (!t.objects.some((o) => o.id === id)) invalid();
        if (t.kind === 'list') tracks.set(t.id, { ...t, objects: t.objects.filter((o) => o.id !== id) });
        else tracks.set(t.id, { ...t, objects: t.objects.filter((o) => o.id !== id) });
      },
    },
  ];
}
