/** `logging host A.B.C.D [transport udp port N]` and its `no` form. */
import { kw, type CommandDef } from '../../cli/grammar.js';
import type { RouterModel } from '../model.js';
import { invalid, isIpv4, num, str } from './common.js';

export function loggingCommands(m: RouterModel): CommandDef[] {
  const set = (address: string, port: number): void => {
    if (!isIpv4(address)) invalid();
    m.config.loggingHosts = [...m.config.loggingHosts.filter((h) => h.address !== address), { address, port }];
  };
  return [
    {
      modes: ['config'],
      syntax: [...kw('logging', 'host'), { kind: 'ipv4', name: 'address' }],
      handler: (_ctx, args) => set(str(args, 'address'), 514),
    },
    {
      modes: ['config'],
      syntax: [
        ...kw('logging', 'host'),
        { kind: 'ipv4', name: 'address' },
        ...kw('transport', 'udp', 'port'),
        { kind: 'number', name: 'port', min: 1, max: 65535 },
      ],
      handler: (_ctx, args) => set(str(args, 'address'), num(args, 'port')),
    },
    {
      modes: ['config'],
      syntax: [...kw('no', 'logging', 'host'), { kind: 'ipv4', name: 'address' }],
      handler: (_ctx, args) => {
        const address = str(args, 'address');
        m.config.loggingHosts = m.config.loggingHosts.filter((h) => h.address !== address);
      },
    },
  ];
}
