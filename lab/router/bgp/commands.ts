/**
 * `router bgp N` and its `config-router` lines, and `clear ip bgp`. IOS's
 * grammar (IP Routing: BGP Command Reference): a neighbour exists once it
 * has a `remote-as`; every other `neighbor X ...` line before that gets
 * "% Specify remote-as or peer-group commands first".
 */
import { CliError, kw, type CommandDef, type Token } from '../../cli/grammar.js';
import { invalid, isIpv4, num, str } from '../commands/common.js';
import { lengthToMask } from '../dynamics/routes.js';
import { networkOf } from '../dynamics/routes.js';
import type { RouterModel } from '../model.js';
import type { BgpConfig, BgpNeighborConfig } from './config.js';
import { hardClear, softClear } from './speaker.js';

const ROUTER_MODES = ['config-router', 'config-router-af'] as const;
const IP = (name: string): Token => ({ kind: 'ipv4', name });
const ASN: Token = { kind: 'number', name: 'asn', min: 1, max: 4294967295 };
const NAME: Token = { kind: 'word', name: 'name' };

function maskLength(mask: string): number | undefined {
  for (let len = 0; len <= 32; len++) if (lengthToMask(len) === mask) return len;
  return undefined;
}

export function bgpCommands(m: RouterModel): CommandDef[] {
  const bgp = (): BgpConfig => m.config.bgp ?? invalid();
  /** The neighbour a line is about; IOS refuses settings on one without `remote-as`. */
  const neighbor = (args: Record<string, string | number>): BgpNeighborConfig => {
    const address = str(args, 'peer');
    if (!isIpv4(address)) invalid();
    return (
      bgp().neighbors.get(address) ??
      (() => {
        throw new CliError(['% Specify remote-as or peer-group commands first']);
      })()
    );
  };
  const set = (
    words: string[],
    extra: Token[],
    apply: (n: BgpNeighborConfig, args: Record<string, string | number>) => void,
  ): CommandDef => ({
    modes: ROUTER_MODES,
    syntax: [...kw('neighbor'), IP('peer'), ...kw(...words), ...extra],
    handler: (_ctx, args) => {
      const n = neighbor(args);
      apply(n, args);
    },
  });
  const routeMapName = (args: Record<string, string | number>): string => {
    const name = str(args, 'name');
    if (!/^[\w.-]{1,64}$/.test(name)) invalid();
    return name;
  };
  const network = (args: Record<string, string | number>): string => {
    const address = str(args, 'network');
    const len = maskLength(str(args, 'mask'));
    if (!isIpv4(address) || len === undefined) invalid();
    return `${networkOf(address, len)}/${len}`;
  };
  return [
    {
      modes: ['config', ...ROUTER_MODES],
      syntax: [...kw('router', 'bgp'), ASN],
      handler: (_ctx, args) => {
        const asn = num(args, 'asn');
        if (m.config.bgp && m.config.bgp.asn !== asn) throw new CliError([`BGP is already running; AS is ${m.config.bgp.asn}`]);
        m.config.bgp ??= { asn, networks: [], neighbors: new Map() };
        return { enter: { mode: 'config-router', target: String(asn) } };
      },
    },
    {
      modes: ['config'],
      syntax: [...kw('no', 'router', 'bgp'), ASN],
      handler: (_ctx, args) => {
        if (m.config.bgp?.asn !== num(args, 'asn')) invalid();
        delete m.config.bgp;
      },
    },
    { modes: ['config-router'], syntax: kw('bgp', 'log-neighbor-changes'), handler: () => undefined },
    {
      modes: ['config-router'],
      syntax: [...kw('bgp', 'router-id'), IP('id')],
      handler: (_ctx, args) => {
        const id = str(args, 'id');
        if (!isIpv4(id)) invalid();
        bgp().routerId = id;
      },
    },
    {
      modes: ['config-router'],
      syntax: kw('no', 'bgp', 'router-id'),
      handler: () => {
        delete bgp().routerId;
      },
    },
    {
      modes: ['config-router'],
      syntax: kw('address-family', 'ipv4'),
      handler: (ctx) => ({ enter: { mode: 'config-router-af', target: ctx.modeTarget ?? '' } }),
    },
    {
      modes: ['config-router'],
      syntax: kw('address-family', 'ipv4', 'unicast'),
      handler: (ctx) => ({ enter: { mode: 'config-router-af', target: ctx.modeTarget ?? '' } }),
    },
    {
      modes: ['config-router-af'],
      syntax: kw('exit-address-family'),
      handler: (ctx) => ({ enter: { mode: 'config-router', target: ctx.modeTarget ?? '' } }),
    },
    {
      modes: ROUTER_MODES,
      syntax: [...kw('neighbor'), IP('peer'), ...kw('remote-as'), ASN],
      handler: (_ctx, args) => {
        const address = str(args, 'peer');
        if (!isIpv4(address)) invalid();
        const existing = bgp().neighbors.get(address);
        bgp().neighbors.set(address, { ...(existing ?? { address, fallOver: false, sendCommunity: false }), remoteAs: num(args, 'asn') });
      },
    },
    {
      modes: ROUTER_MODES,
      syntax: [...kw('no', 'neighbor'), IP('peer')],
      handler: (_ctx, args) => {
        const n = neighbor(args);
        bgp().neighbors.delete(n.address);
      },
    },
    set(['activate'], [], () => undefined),
    set(['update-source'], [{ kind: 'interface', name: 'interface' }], () => undefined),
    set(
      ['timers'],
      [
        { kind: 'number', name: 'keepalive', min: 0, max: 65535 },
        { kind: 'number', name: 'hold', min: 0, max: 65535 },
      ],
      (n, args) => {
        n.timers = { keepaliveSec: num(args, 'keepalive'), holdSec: num(args, 'hold') };
      },
    ),
    {
      ...set(['timers'], [], () => undefined),
      syntax: [...kw('no', 'neighbor'), IP('peer'), ...kw('timers')],
      handler: (_c, args) => {
        delete neighbor(args).timers;
      },
    },
    set(['fall-over'], [], (n) => {
      n.fallOver = true;
    }),
    {
      ...set(['fall-over'], [], () => undefined),
      syntax: [...kw('no', 'neighbor'), IP('peer'), ...kw('fall-over')],
      handler: (_c, args) => {
        neighbor(args).fallOver = false;
      },
    },
    set(['send-community'], [], (n) => {
      n.sendCommunity = 'standard';
    }),
    set(['send-community', 'standard'], [], (n) => {
      n.sendCommunity = 'standard';
    }),
    set(['send-community', 'both'], [], (n) => {
      n.sendCommunity = 'both';
    }),
    {
      ...set(['send-community'], [], () => undefined),
      syntax: [...kw('no', 'neighbor'), IP('peer'), ...kw('send-community')],
      handler: (_c, args) => {
        neighbor(args).sendCommunity = false;
      },
    },
    ...(['in', 'out'] as const).flatMap((dir): CommandDef[] => [
      set(['route-map'], [NAME, ...kw(dir)], (n, args) => {
        if (dir === 'in') n.routeMapIn = routeMapName(args);
        else n.routeMapOut = routeMapName(args);
      }),
      {
        modes: ROUTER_MODES,
        syntax: [...kw('no', 'neighbor'), IP('peer'), ...kw('route-map'), NAME, ...kw(dir)],
        handler: (_ctx, args) => {
          const n = neighbor(args);
          if (dir === 'in' && n.routeMapIn === str(args, 'name')) delete n.routeMapIn;
          if (dir === 'out' && n.routeMapOut === str(args, 'name')) delete n.routeMapOut;
        },
      },
    ]),
    {
      modes: ROUTER_MODES,
      syntax: [...kw('network'), IP('network'), ...kw('mask'), IP('mask')],
      handler: (_ctx, args) => {
        const prefix = network(args);
        if (!bgp().networks.includes(prefix)) bgp().networks.push(prefix);
      },
    },
    {
      modes: ROUTER_MODES,
      syntax: [...kw('no', 'network'), IP('network'), ...kw('mask'), IP('mask')],
      handler: (_ctx, args) => {
        const prefix = network(args);
        bgp().networks = bgp().networks.filter((p) => p !== prefix);
      },
    },
    ...clearCommands(m),
  ];
}

/** `clear ip bgp {*|A.B.C.D} [soft [in|out]]`. */
function clearCommands(m: RouterModel): CommandDef[] {
  const targets = (args: Record<string, string | number>): string[] | undefined => {
    if (!m.config.bgp) return undefined;
    if (args.peer === undefined) return [...m.config.bgp.neighbors.keys()];
    const peer = String(args.peer);
    return m.config.bgp.neighbors.has(peer) ? [peer] : undefined;
  };
  const clear = (who: Token[], tail: string[], run: (address: string) => void): CommandDef => ({
    modes: ['exec'],
    syntax: [...kw('clear', 'ip', 'bgp'), ...who, ...kw(...tail)],
    handler: (_ctx, args) => {
      const list = targets(args);
      if (!list) return { output: '% No such neighbor or address family' };
      for (const a of list) run(a);
    },
  });
  const defs: CommandDef[] = [];
  for (const who of [kw('*'), [IP('peer')]]) {
    defs.push(clear(who, [], (a) => hardClear(m, a)));
    defs.push(clear(who, ['soft'], (a) => softClear(m, a)));
    defs.push(clear(who, ['soft', 'in'], (a) => softClear(m, a, 'in')));
    defs.push(clear(who, ['soft', 'out'], (a) => softClear(m, a, 'out')));
  }
  return defs;
}
