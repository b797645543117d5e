/**
 * `route-map NAME [permit|deny] [N]` and its `config-route-map` lines
 * (`match ip address prefix-list`, `match community`, `set local-preference
 * | weight | metric | community | as-path prepend`), `ip prefix-list` and
 * `ip community-list`, in IOS's grammar (IP Routing: BGP Command Reference).
 * `route-map NAME` alone means `permit 10`.
 */
import { CliError, kw, type Args, type CommandContext, type CommandDef, type CommandResult, type Token } from '../../cli/grammar.js';
import { invalid, isIpv4, num, str, target } from '../commands/common.js';
import { networkOf } from '../dynamics/routes.js';
import type { RouterModel } from '../model.js';
import type { PrefixListEntry, RouteMapEntry } from './config.js';

const NAME: Token = { kind: 'word', name: 'name' };
const REST: Token = { kind: 'rest', name: 'rest' };
const WELL_KNOWN = ['internet', 'no-export', 'no-advertise', 'local-AS'];

function checkName(name: string): string {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) invalid();
  return name;
}

/** `AA:NN` (each 0-65535), a well-known name, or a 32-bit number, normalised to `AA:NN` (or the name). */
export function parseCommunity(word: string): string | undefined {
  const wk = WELL_KNOWN.find((w) => w.toLowerCase() === word.toLowerCase());
  if (wk) return wk;
  const pair = /^(\d{1,5}):(\d{1,5})$/.exec(word);
  if (pair) return Number(pair[1]) <= 65535 && Number(pair[2]) <= 65535 ? `${Number(pair[1])}:${Number(pair[2])}` : undefined;
  if (/^\d{1,10}$/.test(word) && Number(word) <= 4294967295) return `${Math.floor(Number(word) / 65536)}:${Number(word) % 65536}`;
  return undefined;
}

export function routeMapCommands(m: RouterModel): CommandDef[] {
  const policy = m.config.policy;
  const entryOf = (ctx: CommandContext): RouteMapEntry => {
    const [name, seq] = target(ctx).split(' ');
    return policy.routeMaps.get(name!)?.find((e) => e.seq === Number(seq)) ?? invalid();
  };
  const enter = (name: string, action: 'permit' | 'deny', seq: number | undefined): CommandResult => {
    checkName(name);
    const entries = policy.routeMaps.get(name) ?? [];
    const s = seq ?? (entries.length === 1 ? entries[0]!.seq : 10);
    if (seq === undefined && entries.length > 1) throw new CliError(['% Please specify the entry by its sequence']);
    const existing = entries.find((e) => e.seq === s);
    if (existing) existing.action = action;
    else
      policy.routeMaps.set(
        name,
        [...entries, { seq: s, action, match: {}, set: {} }].sort((a, b) => a.seq - b.seq),
      );
    return { enter: { mode: 'config-route-map', target: `${name} ${s}` } };
  };
  const SEQ: Token = { kind: 'number', name: 'seq', min: 0, max: 65535 };
  const words = (args: Args): string[] =>
    str(args, 'rest')
      .split(/\s+/)
      .filter((w) => w !== '');
  const onEntry = (syntax: Token[], apply: (e: RouteMapEntry, args: Args) => void): CommandDef => ({
    modes: ['config-route-map'],
    syntax,
    handler: (ctx, args) => {
      const e = entryOf(ctx);
      apply(e, args);
    },
  });
  return [
    {
      modes: ['config', 'config-route-map'],
      syntax: [...kw('route-map'), NAME],
      handler: (_c, a) => enter(str(a, 'name'), 'permit', undefined),
    },
    ...(['permit', 'deny'] as const).flatMap((action): CommandDef[] => [
      {
        modes: ['config', 'config-route-map'],
        syntax: [...kw('route-map'), NAME, ...kw(action)],
        handler: (_c, a) => enter(str(a, 'name'), action, undefined),
      },
      {
        modes: ['config', 'config-route-map'],
        syntax: [...kw('route-map'), NAME, ...kw(action), SEQ],
        handler: (_c, a) => enter(str(a, 'name'), action, num(a, 'seq')),
      },
      {
        modes: ['config'],
        syntax: [...kw('no', 'route-map'), NAME, ...kw(action), SEQ],
        handler: (_c, a) => {
          const left = (policy.routeMaps.get(str(a, 'name')) ?? []).filter((e) => e.seq !== num(a, 'seq'));
          if (left.length) policy.routeMaps.set(str(a, 'name'), left);
          else policy.routeMaps.delete(str(a, 'name'));
        },
      },
    ]),
    {
      modes: ['config'],
      syntax: [...kw('no', 'route-map'), NAME],
      handler: (_c, a) => {
        policy.routeMaps.delete(str(a, 'name'));
      },
    },
    onEntry([...kw('match', 'ip', 'address', 'prefix-list'), REST], (e, a) => {
      e.match.prefixLists = words(a).map(checkName);
    }),
    onEntry(kw('no', 'match', 'ip', 'address'), (e) => {
      delete e.match.prefixLists;
    }),
    onEntry([...kw('match', 'community'), REST], (e, a) => {
      const lists = words(a)
        .filter((w) => w !== 'exact-match')
        .map(checkName);
      if (!lists.length) invalid();
      e.match.communityLists = lists;
    }),
    onEntry(kw('no', 'match', 'community'), (e) => {
      delete e.match.communityLists;
    }),
    onEntry([...kw('set', 'local-preference'), { kind: 'number', name: 'v', min: 0, max: 4294967295 }], (e, a) => {
      e.set.localPref = num(a, 'v');
    }),
    onEntry(kw('no', 'set', 'local-preference'), (e) => {
      delete e.set.localPref;
    }),
    onEntry([...kw('set', 'weight'), { kind: 'number', name: 'v', min: 0, max: 65535 }], (e, a) => {
      e.set.weight = num(a, 'v');
    }),
    onEntry(kw('no', 'set', 'weight'), (e) => {
      delete e.set.weight;
    }),
    onEntry([...kw('set', 'metric'), { kind: 'number', name: 'v', min: 0, max: 4294967295 }], (e, a) => {
      e.set.metric = num(a, 'v');
    }),
    onEntry(kw('no', 'set', 'metric'), (e) => {
      delete e.set.metric;
    }),
    onEntry([...kw('set', 'community'), REST], (e, a) => {
      const list = words(a);
      const additive = list[list.length - 1] === 'additive';
      const values = (additive ? list.slice(0, -1) : list).map(parseCommunity);
      if (!values.length || values.some((v) => v === undefined)) invalid();
      e.set.community = { values: values as string[], additive };
    }),
    onEntry(kw('no', 'set', 'community'), (e) => {
      delete e.set.community;
    }),
    onEntry([...kw('set', 'as-path', 'prepend'), REST], (e, a) => {
      const asns = words(a).map(Number);
      if (!asns.length || asns.some((n) => !Number.isInteger(n) || n < 1 || n > 4294967295)) invalid();
      e.set.prepend = asns;
    }),
    onEntry(kw('no', 'set', 'as-path', 'prepend'), (e) => {
      delete e.set.prepend;
    }),
    ...listCommands(m),
  ];
}

/** `ip prefix-list NAME [seq N] permit|deny A.B.C.D/L [ge G] [le L]` and `ip community-list`. */
function listCommands(m: RouterModel): CommandDef[] {
  const policy = m.config.policy;
  return [
    {
      modes: ['config'],
      syntax: [...kw('ip', 'prefix-list'), NAME, REST],
      handler: (_c, a) => {
        const name = checkName(str(a, 'name'));
        const w = str(a, 'rest').split(/\s+/);
        const entries = policy.prefixLists.get(name) ?? [];
        let seq = entries.length ? Math.max(...entries.map((e) => e.seq)) + 5 : 5;
        if (w[0] === 'seq') {
          seq = Number(w[1]);
          if (!Number.isInteger(seq) || seq < 1 || seq > 4294967294) invalid();
          w.splice(0, 2);
        }
        const action = w[0];
        const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(w[1] ?? '');
        if ((action !== 'permit' && action !== 'deny') || !match || !isIpv4(match[1]!) || Number(match[2]) > 32) invalid();
        const len = Number(match[2]);
        const bounds: { ge?: number; le?: number } = {};
        for (let i = 2; i < w.length; i += 2) {
          const v = Number(w[i + 1]);
          if ((w[i] !== 'ge' && w[i] !== 'le') || !Number.isInteger(v) || v < 1 || v > 32) invalid();
          bounds[w[i] as 'ge' | 'le'] = v;
        }
        // IOS's own check on the range (ge above the length, le not below ge).
        if (
          (bounds.ge !== undefined && bounds.ge <= len) ||
          (bounds.le !== undefined && (bounds.le < len || bounds.le < (bounds.ge ?? 0)))
        ) {
          throw new CliError([`% Invalid prefix range for ${networkOf(match[1]!, len)}/${len}, make sure: len < ge-value <= le-value`]);
        }
        const entry: PrefixListEntry = { seq, action, prefix: `${networkOf(match[1]!, len)}/${len}`, ...bounds };
        policy.prefixLists.set(
          name,
          [...entries.filter((e) => e.seq !== seq), entry].sort((x, y) => x.seq - y.seq),
        );
      },
    },
    {
      modes: ['config'],
      syntax: [...kw('no', 'ip', 'prefix-list'), NAME],
      handler: (_c, a) => {
        policy.prefixLists.delete(str(a, 'name'));
      },
    },
    ...[[{ kind: 'number', name: 'name', min: 1, max: 99 } as Token], [...kw('standard'), NAME]].flatMap((who): CommandDef[] =>
      (['permit', 'deny'] as const).map((action): CommandDef => ({
        modes: ['config'],
        syntax: [...kw('ip', 'community-list'), ...who, ...kw(action), REST],
        handler: (_c, a) => {
          const name = checkName(String(a.name));
          const values = str(a, 'rest').split(/\s+/).map(parseCommunity);
          if (values.some((v) => v === undefined)) invalid();
          policy.communityLists.set(name, [...(policy.communityLists.get(name) ?? []), { action, communities: values as string[] }]);
        },
      })),
    ),
    {
      modes: ['config'],
      syntax: [...kw('ip', 'bgp-community', 'new-format')],
      handler: () => {
        m.config.policy.newFormat = true;
      },
    },
  ];
}
