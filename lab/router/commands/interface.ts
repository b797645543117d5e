/** `interface IF` and the `config-if` lines the lab models. */
import { kw, type CommandDef } from '../../cli/grammar.js';
import type { InterfaceConfig } from '../config-model.js';
import type { RouterModel } from '../model.js';
import { invalid, isIpv4, str, target } from './common.js';
import { lengthToMask } from '../dynamics/routes.js';
import { dampeningCommands } from './dampening.js';

/** Prefix length of a contiguous dotted mask; undefined for a non-contiguous one. */
function maskToLength(mask: string): number | undefined {
  if (!isIpv4(mask)) return undefined;
  for (let len = 0; len <= 32; len++) if (lengthToMask(len) === mask) return len;
  return undefined;
}

/** Virtual interfaces IOS creates on first mention; physical ones must exist. */
const CREATABLE = /^(Tunnel|Loopback)\d+$/;

export function interfaceCommands(m: RouterModel): CommandDef[] {
  const ifs = m.config.interfaces;
  const edit = (ctxTarget: string, change: (i: InterfaceConfig) => InterfaceConfig): void => {
    const i = ifs.get(ctxTarget) ?? invalid();
    ifs.set(i.name, change(i));
  };
  const tunnelOnly = (name: string): void => {
    if (!name.startsWith('Tunnel') && !ifs.get(name)?.virtualTemplate) invalid();
  };
  return [
    ...dampeningCommands(m),
    {
      modes: ['config', 'config-if'],
      syntax: [...kw('interface'), { kind: 'interface', name: 'interface' }],
      handler: (_ctx, args) => {
        const name = str(args, 'interface');
        if (!ifs.has(name)) {
          if (!CREATABLE.test(name)) invalid();
          ifs.set(name, { name, shutdown: false, ...(name.startsWith('Tunnel') ? { tunnel: {} } : {}) });
        }
        return { enter: { mode: 'config-if', target: name } };
      },
    },
    { modes: ['config-if'], syntax: kw('shutdown'), handler: (ctx) => edit(target(ctx), (i) => ({ ...i, shutdown: true })) },
    { modes: ['config-if'], syntax: kw('no', 'shutdown'), handler: (ctx) => edit(target(ctx), (i) => ({ ...i, shutdown: false })) },
    {
      modes: ['config-if'],
      syntax: [...kw('description'), { kind: 'rest', name: 'text' }],
      handler: (ctx, args) => {
        const text = str(args, 'text');
        // DESIGN §6: no control character ever reaches the configuration.
        if ([...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) || text.length > 240) invalid();
        edit(target(ctx), (i) => ({ ...i, description: text }));
      },
    },
    {
      modes: ['config-if'],
      syntax: kw('no', 'description'),
      handler: (ctx) => edit(target(ctx), ({ description: _d, ...i }) => i),
    },
    {
      modes: ['config-if'],
      syntax: kw('tunnel', 'source', 'dynamic'),
      handler: (ctx) => {
        tunnelOnly(target(ctx));
        edit(target(ctx), (i) => ({ ...i, tunnel: { ...i.tunnel, source: 'dynamic' } }));
      },
    },
    {
      modes: ['config-if'],
      syntax: [...kw('tunnel', 'source'), { kind: 'interface', name: 'source' }],
      handler: (ctx, args) => {
        tunnelOnly(target(ctx));
        const source = str(args, 'source');
        if (!ifs.has(source) || source.startsWith('Tunnel')) invalid();
        edit(target(ctx), (i) => ({ ...i, tunnel: { ...i.tunnel, source } }));
      },
    },
    {
      modes: ['config-if'],
      syntax: kw('tunnel', 'destination', 'dynamic'),
      handler: (ctx) => {
        tunnelOnly(target(ctx));
        edit(target(ctx), (i) => ({ ...i, tunnel: { ...i.tunnel, destination: 'dynamic' } }));
      },
    },
    {
      modes: ['config-if'],
      syntax: [...kw('tunnel', 'destination'), { kind: 'ipv4', name: 'destination' }],
      handler: (ctx, args) => {
        tunnelOnly(target(ctx));
        const destination = str(args, 'destination');
        if (!isIpv4(destination)) invalid();
        edit(target(ctx), (i) => ({ ...i, tunnel: { ...i.tunnel, destination } }));
      },
    },
    {
      modes: ['config-if'],
      syntax: [...kw('tunnel', 'protection', 'ipsec', 'profile'), { kind: 'word', name: 'profile' }],
      handler: (ctx, args) => {
        tunnelOnly(target(ctx));
        const profile = str(args, 'profile');
        if (!/^[\w.-]{1,64}$/.test(profile)) invalid();
        edit(target(ctx), (i) => ({ ...i, tunnel: { ...i.tunnel, protectionProfile: profile } }));
      },
    },
    {
      modes: ['config-if'],
      syntax: [...kw('ip', 'address'), { kind: 'ipv4', name: 'address' }, { kind: 'ipv4', name: 'mask' }],
      handler: (ctx, args) => {
        const address = str(args, 'address');
        const prefixLength = maskToLength(str(args, 'mask'));
        if (!isIpv4(address) || prefixLength === undefined) invalid();
        edit(target(ctx), (i) => ({ ...i, address: { address, prefixLength } }));
      },
    },
    {
      modes: ['config-if'],
      syntax: kw('no', 'ip', 'address'),
      handler: (ctx) => edit(target(ctx), ({ address: _a, ...i }) => i),
    },
    {
      modes: ['config-if'],
      syntax: kw('ip', 'address', 'negotiated'),
      handler: (ctx) => edit(target(ctx), (i) => ({ ...i, address: 'negotiated' })),
    },
    {
      modes: ['config'],
      syntax: [...kw('hostname'), { kind: 'word', name: 'name' }],
      handler: (_ctx, args) => {
        const name = str(args, 'name');
        // RFC 1123 label, as IOS requires (letters, digits, hyphens; starts with a letter).
        if (!/^[A-Za-z][A-Za-z0-9-]{0,62}$/.test(name)) invalid();
        m.config.hostname = name;
      },
    },
  ];
}
