/**
 * `ip vrf NAME` (enters `config-vrf`) and `no ip vrf NAME`. IOS names a VRF
 * with up to 32 characters; `no` on an unknown one gets IOS's refusal.
 */
import { CliError, kw, type CommandDef } from '../../cli/grammar.js';
import type { RouterModel } from '../model.js';
import { invalid, str } from './common.js';

const NAME = { kind: 'word', name: 'name' } as const;

export function vrfCommands(m: RouterModel): CommandDef[] {
  return [
    {
      modes: ['config'],
      syntax: [...kw('ip', 'vrf'), NAME],
      handler: (_ctx, args) => {
        const name = str(args, 'name');
        if (!/^[\w.-]{1,32}$/.test(name)) invalid();
        m.config.vrfs.add(name);
        return { enter: { mode: 'config-vrf', target: name } };
      },
    },
    {
      modes: ['config'],
      syntax: [...kw('no', 'ip', 'vrf'), NAME],
      handler: (_ctx, args) => {
        const name = str(args, 'name');
        if (!m.config.vrfs.delete(name)) throw new CliError([`% VRF ${name} does not exist`]);
      },
    },
  ];
}
