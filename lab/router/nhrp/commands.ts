/**
 * The NHRP lines of a FlexVPN spoke's tunnel (FlexVPN spoke-to-spoke:
 * `ip nhrp network-id N`, `ip nhrp redirect`, `ip nhrp shortcut
 * virtual-template N`, `ip nhrp holdtime S`) and `interface
 * Virtual-Template N type tunnel`, from which Virtual-Access shortcuts clone.
 */
import { kw, type CommandDef, type Token } from '../../cli/grammar.js';
import { invalid, num, str, target } from '../commands/common.js';
import type { InterfaceConfig } from '../config-model.js';
import type { RouterModel } from '../model.js';
import type { NhrpInterfaceConfig } from './config.js';

export function nhrpCommands(m: RouterModel): CommandDef[] {
  const edit = (name: string, change: (n: NhrpInterfaceConfig) => NhrpInterfaceConfig): void => {
    const i: InterfaceConfig = m.config.interfaces.get(name) ?? invalid();
    if (!name.startsWith('Tunnel')) invalid();
    m.config.interfaces.set(name, { ...i, nhrp: change(i.nhrp ?? { redirect: false }) });
  };
  const n = (name: string, min: number, max: number): Token => ({ kind: 'number', name, min, max });
  return [
    {
      modes: ['config', 'config-if'],
      syntax: [...kw('interface'), { kind: 'interface', name: 'interface' }, ...kw('type', 'tunnel')],
      handler: (_ctx, args) => {
        const name = str(args, 'interface');
        if (!/^Virtual-Template\d+$/.test(name)) invalid();
        if (!m.config.interfaces.has(name)) m.config.interfaces.set(name, { name, shutdown: false, tunnel: {}, virtualTemplate: true });
        return { enter: { mode: 'config-if', target: name } };
      },
    },
    {
      modes: ['config-if'],
      syntax: [...kw('ip', 'nhrp', 'network-id'), n('id', 1, 4294967295)],
      handler: (ctx, a) => edit(target(ctx), (x) => ({ ...x, networkId: num(a, 'id') })),
    },
    {
      modes: ['config-if'],
      syntax: kw('no', 'ip', 'nhrp', 'network-id'),
      handler: (ctx) => edit(target(ctx), ({ networkId: _n, ...x }) => x),
    },
    { modes: ['config-if'], syntax: kw('ip', 'nhrp', 'redirect'), handler: (ctx) => edit(target(ctx), (x) => ({ ...x, redirect: true })) },
    {
      modes: ['config-if'],
      syntax: kw('no', 'ip', 'nhrp', 'redirect'),
      handler: (ctx) => edit(target(ctx), (x) => ({ ...x, redirect: false })),
    },
    {
      modes: ['config-if'],
      syntax: [...kw('ip', 'nhrp', 'shortcut', 'virtual-template'), n('vt', 1, 1000)],
      handler: (ctx, a) => edit(target(ctx), (x) => ({ ...x, shortcutTemplate: num(a, 'vt') })),
    },
    {
      modes: ['config-if'],
      syntax: kw('no', 'ip', 'nhrp', 'shortcut'),
      handler: (ctx) => edit(target(ctx), ({ shortcutTemplate: _s, ...x }) => x),
    },
    {
      modes: ['config-if'],
      syntax: [...kw('ip', 'nhrp', 'holdtime'), n('sec', 1, 65535)],
      handler: (ctx, a) => edit(target(ctx), (x) => ({ ...x, holdtimeSec: num(a, 'sec') })),
    },
    {
      modes: ['config-if'],
      syntax: kw('no', 'ip', 'nhrp', 'holdtime'),
      handler: (ctx) => edit(target(ctx), ({ holdtimeSec: _h, ...x }) => x),
    },
  ];
}
