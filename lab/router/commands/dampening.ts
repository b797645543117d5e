/**
 * `dampening [half-life [reuse suppress max-suppress [restart-penalty]]]`
 * under an interface (Cisco IOS IP Event Dampening guide; also written
 * `... max-suppress restart PENALTY`) and `no dampening`. Ranges: half-life
 * 1-30 s, reuse and suppress 1-20000, max-suppress 1-255 s, restart penalty
 * 1-20000. With only a half-life, max-suppress is four half-lives. Entering
 * the command again clears the interface's dampening history.
 */
import { kw, type CommandDef, type Token } from '../../cli/grammar.js';
import type { DampeningConfig } from '../config-model.js';
import { DAMPENING_DEFAULTS } from '../dynamics/dampening.js';
import type { RouterModel } from '../model.js';
import { renderDampeningSummary, renderInterfacesDampening } from '../../render/dampening.js';
import { invalid, num, target } from './common.js';

const HALF_LIFE: Token = { kind: 'number', name: 'halfLife', min: 1, max: 30 };
const FULL: Token[] = [
  HALF_LIFE,
  { kind: 'number', name: 'reuse', min: 1, max: 20000 },
  { kind: 'number', name: 'suppress', min: 1, max: 20000 },
  { kind: 'number', name: 'maxSuppress', min: 1, max: 255 },
];
const PENALTY: Token = { kind: 'number', name: 'restart', min: 1, max: 20000 };

function build(args: Record<string, string | number>, words: string[]): DampeningConfig {
  const halfLifeSec = args.halfLife === undefined ? DAMPENING_DEFAULTS.halfLifeSec : num(args, 'halfLife');
  const cfg: DampeningConfig = {
    halfLifeSec,
    reuse: args.reuse === undefined ? DAMPENING_DEFAULTS.reuse : num(args, 'reuse'),
    suppress: args.suppress === undefined ? DAMPENING_DEFAULTS.suppress : num(args, 'suppress'),
    maxSuppressSec: args.maxSuppress === undefined ? 4 * halfLifeSec : num(args, 'maxSuppress'),
    words,
  };
  if (args.restart !== undefined) cfg.restartPenalty = num(args, 'restart');
  return cfg;
}

export function dampeningCommands(m: RouterModel): CommandDef[] {
  const set = (syntax: Token[], words: (a: Record<string, string | number>) => string[]): CommandDef => ({
    modes: ['config-if'],
    syntax: [...kw('dampening'), ...syntax],
    handler: (ctx, args) => {
      const i = m.config.interfaces.get(target(ctx)) ?? invalid();
      m.config.interfaces.set(i.name, { ...i, dampening: build(args, words(args)) });
      const rt = m.rt.interfaces.get(i.name);
      if (rt) delete rt.dampening;
    },
  });
  const full = (a: Record<string, string | number>): string[] => [a.halfLife, a.reuse, a.suppress, a.maxSuppress].map(String);
  return [
    set([], () => []),
    set([HALF_LIFE], (a) => [String(a.halfLife)]),
    set(FULL, full),
    set([...FULL, PENALTY], (a) => [...full(a), String(a.restart)]),
    set([...FULL, ...kw('restart'), PENALTY], (a) => [...full(a), 'restart', String(a.restart)]),
    {
      modes: ['config-if'],
      syntax: kw('no', 'dampening'),
      handler: (ctx) => {
        const { dampening: _d, ...rest } = m.config.interfaces.get(target(ctx)) ?? invalid();
        m.config.interfaces.set(rest.name, rest);
      },
    },
  ];
}

/** `show dampening interface` and `show interfaces dampening` (also `show interface dampening`). */
export function dampeningShowCommands(m: RouterModel): CommandDef[] {
  return [
    { modes: ['user', 'exec'], syntax: kw('show', 'dampening', 'interface'), handler: () => ({ output: renderDampeningSummary(m) }) },
    { modes: ['user', 'exec'], syntax: kw('show', 'interfaces', 'dampening'), handler: () => ({ output: renderInterfacesDampening(m) }) },
  ];
}
