/**
 * `crypto ikev2 client flexvpn NAME` and its `config-ikev2-flexvpn` lines:
 * `peer N ADDRESS|fqdn NAME [dynamic] [track T [up|down]]`, `source`,
 * `backup group`, `peer reactivate`, `client connect`,
 * `connect auto|manual|track N [up|down]`;
 * `crypto ikev2 dpd INTERVAL RETRY periodic|on-demand`.
 */
import { CliError, kw, type Args, type CommandDef, type Token } from '../../cli/grammar.js';
import type { ClientConnect, FlexClientConfig, FlexPeer } from '../config-model.js';
import type { RouterModel } from '../model.js';
import { invalid, isIpv4, num, str, target } from './common.js';

const SEQ = { kind: 'number', name: 'seq', min: 1, max: 10 } as const;
const TRACK = { kind: 'number', name: 'track', min: 1, max: 1000 } as const;

type PeerKind = 'address' | 'fqdn' | 'fqdn-dynamic';
const PEER_HEADS: Record<PeerKind, Token[]> = {
  address: [{ kind: 'ipv4', name: 'address' }],
  fqdn: [...kw('fqdn'), { kind: 'word', name: 'fqdn' }],
  'fqdn-dynamic': [...kw('fqdn'), { kind: 'word', name: 'fqdn' }, ...kw('dynamic')],
};

export function flexvpnCommands(m: RouterModel): CommandDef[] {
  const clients = m.config.flexClients;
  const client = (name: string): FlexClientConfig => clients.get(name) ?? invalid();
  const update = (name: string, change: (c: FlexClientConfig) => FlexClientConfig): void => {
    clients.set(name, change(client(name)));
  };
  const peer = (kind: PeerKind, tail: Token[], state?: 'up' | 'down'): CommandDef => ({
    modes: ['config-ikev2-flexvpn'],
    syntax: [...kw('peer'), SEQ, ...PEER_HEADS[kind], ...tail],
    handler: (ctx, args) => {
      const name = target(ctx);
      client(name);
      const p: FlexPeer = { seq: num(args, 'seq'), ...peerTarget(m, kind, args), trackState: state ?? 'up' };
      if (args.track !== undefined) p.track = num(args, 'track');
      // A peer line replaces the one with the same sequence number.
      update(name, (c) => ({ ...c, peers: [...c.peers.filter((x) => x.seq !== p.seq), p] }));
    },
  });
  const peerLines = (kind: PeerKind): CommandDef[] => [
    peer(kind, []),
    peer(kind, [...kw('track'), TRACK]),
    peer(kind, [...kw('track'), TRACK, ...kw('up')], 'up'),
    peer(kind, [...kw('track'), TRACK, ...kw('down')], 'down'),
  ];
  return [
    {
      modes: ['config'],
      syntax: [...kw('crypto', 'ikev2', 'client', 'flexvpn'), { kind: 'word', name: 'name' }],
      handler: (_ctx, args) => {
        const name = str(args, 'name');
        if (!/^[\w.-]{1,64}$/.test(name)) invalid();
        if (!clients.has(name)) clients.set(name, { name, peers: [], sources: [], peerReactivate: false });
        return { enter: { mode: 'config-ikev2-flexvpn', target: name } };
      },
    },
    {
      modes: ['config'],
      syntax: [...kw('no', 'crypto', 'ikev2', 'client', 'flexvpn'), { kind: 'word', name: 'name' }],
      handler: (_ctx, args) => {
        if (!clients.delete(str(args, 'name'))) throw new CliError([`% FlexVPN client ${str(args, 'name')} does not exist`]);
      },
    },
    ...peerLines('address'),
    ...peerLines('fqdn'),
    ...peerLines('fqdn-dynamic'),
    {
      modes: ['config-ikev2-flexvpn'],
      syntax: [...kw('no', 'peer'), SEQ],
      handler: (ctx, args) => {
        const seq = num(args, 'seq');
        const c = client(target(ctx));
        if (!c.peers.some((p) => p.seq === seq)) invalid();
        update(c.name, (x) => ({ ...x, peers: x.peers.filter((p) => p.seq !== seq) }));
      },
    },
    {
      modes: ['config-ikev2-flexvpn'],
      syntax: [
        ...kw('source'),
        { kind: 'number', name: 'seq', min: 1, max: 6 },
        { kind: 'interface', name: 'interface' },
        ...kw('track'),
        TRACK,
      ],
      handler: (ctx, args) => {
        const c = client(target(ctx));
        const ifName = str(args, 'interface');
        if (!m.config.interfaces.has(ifName) || ifName.startsWith('Tunnel')) invalid();
        const s = { seq: num(args, 'seq'), interface: ifName, track: num(args, 'track') };
        update(c.name, (x) => ({ ...x, sources: [...x.sources.filter((y) => y.seq !== s.seq), s] }));
      },
    },
    {
      modes: ['config-ikev2-flexvpn'],
      syntax: [...kw('no', 'source'), { kind: 'number', name: 'seq', min: 1, max: 6 }],
      handler: (ctx, args) => {
        const seq = num(args, 'seq');
        const c = client(target(ctx));
        if (!c.sources.some((s) => s.seq === seq)) invalid();
        update(c.name, (x) => ({ ...x, sources: x.sources.filter((s) => s.seq !== seq) }));
      },
    },
    {
      modes: ['config-ikev2-flexvpn'],
      syntax: [...kw('backup', 'group'), { kind: 'number', name: 'group', min: 1, max: 255 }],
      handler: (ctx, args) => update(target(ctx), (c) => ({ ...c, backupGroup: num(args, 'group') })),
    },
    {
      modes: ['config-ikev2-flexvpn'],
      syntax: kw('no', 'backup', 'group'),
      handler: (ctx) => update(target(ctx), ({ backupGroup: _g, ...c }) => c),
    },
    {
      modes: ['config-ikev2-flexvpn'],
      syntax: kw('peer', 'reactivate'),
      handler: (ctx) => update(target(ctx), (c) => ({ ...c, peerReactivate: true })),
    },
    {
      modes: ['config-ikev2-flexvpn'],
      syntax: kw('no', 'peer', 'reactivate'),
      handler: (ctx) => update(target(ctx), (c) => ({ ...c, peerReactivate: false })),
    },
    {
      modes: ['config-ikev2-flexvpn'],
      syntax: [...kw('client', 'connect'), { kind: 'interface', name: 'interface' }],
      handler: (ctx, args) => {
        const ifName = str(args, 'interface');
        if (!/^Tunnel\d+$/.test(ifName)) invalid();
        update(target(ctx), (c) => ({ ...c, connectInterface: ifName }));
      },
    },
    {
      modes: ['config-ikev2-flexvpn'],
      syntax: kw('no', 'client', 'connect'),
      handler: (ctx) => update(target(ctx), ({ connectInterface: _i, ...c }) => c),
    },
    ...connectLines(update),
    ...(['periodic', 'on-demand'] as const).map((mode): CommandDef => ({
      modes: ['config'],
      syntax: [
        ...kw('crypto', 'ikev2', 'dpd'),
        { kind: 'number', name: 'interval', min: 10, max: 3600 },
        { kind: 'number', name: 'retry', min: 2, max: 60 },
        ...kw(mode),
      ],
      handler: (_ctx, args) => {
        m.config.dpd = { intervalSec: num(args, 'interval'), retryIntervalSec: num(args, 'retry'), mode };
      },
    })),
    {
      modes: ['config'],
      syntax: kw('no', 'crypto', 'ikev2', 'dpd'),
      handler: () => {
        delete m.config.dpd;
      },
    },
  ];
}

/**
 * What a peer line names: an address, or a name. Without `dynamic` the name
 * is resolved now, at configuration time, and the peer keeps that address; a
 * name that does not resolve leaves the peer without one, never a candidate
 * (IOS's message for that case is not documented; the lab prints none).
 */
function peerTarget(m: RouterModel, kind: PeerKind, args: Args): Pick<FlexPeer, 'address' | 'fqdn'> {
  if (kind === 'address') {
    const address = str(args, 'address');
    if (!isIpv4(address)) invalid();
    return { address };
  }
  const name = str(args, 'fqdn');
  if (!isHostname(name)) invalid();
  const dynamic = kind === 'fqdn-dynamic';
  return { address: dynamic ? '' : (m.world.dns.resolve(name) ?? ''), fqdn: { name, dynamic } };
}

/** A DNS name: dot-separated labels of letters, digits and inner hyphens, at most 253 characters. */
function isHostname(s: string): boolean {
  return s.length <= 253 && s.split('.').every((l) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l)) && !/^[\d.]+$/.test(s);
}

/** `connect auto` (the default, dropped from the block), `connect manual`, `connect track N [up|down]`. */
function connectLines(update: (name: string, change: (c: FlexClientConfig) => FlexClientConfig) => void): CommandDef[] {
  const set = (connect: ClientConnect) => (ctx: Parameters<CommandDef['handler']>[0]) =>
    update(target(ctx), ({ connect: _c, ...c }) => (connect.mode === 'auto' ? c : { ...c, connect }));
  const tracked = (tail: Token[], state: 'up' | 'down'): CommandDef => ({
    modes: ['config-ikev2-flexvpn'],
    syntax: [...kw('connect', 'track'), TRACK, ...tail],
    handler: (ctx, args) => set({ mode: 'track', track: num(args, 'track'), state })(ctx),
  });
  return [
    { modes: ['config-ikev2-flexvpn'], syntax: kw('connect', 'auto'), handler: set({ mode: 'auto' }) },
    { modes: ['config-ikev2-flexvpn'], syntax: kw('connect', 'manual'), handler: set({ mode: 'manual' }) },
    tracked([], 'up'),
    tracked(kw('up'), 'up'),
    tracked(kw('down'), 'down'),
    { modes: ['config-ikev2-flexvpn'], syntax: kw('no', 'connect'), handler: set({ mode: 'auto' }) },
  ];
}
