/** `show event manager policy registered` and `event manager run NAME` (for `event none` applets). */
import { kw, type CommandDef } from '../../cli/grammar.js';
import { renderEemRegistered } from '../../render/eem.js';
import type { EemRunner } from '../eem.js';
import type { RouterModel } from '../model.js';
import { str } from './common.js';

export function eemExecCommands(m: RouterModel, runner: EemRunner): CommandDef[] {
  return [
    {
      modes: ['exec'],
      syntax: kw('show', 'event', 'manager', 'policy', 'registered'),
      handler: () => ({ output: renderEemRegistered(m) }),
    },
    {
      modes: ['exec'],
      syntax: [...kw('event', 'manager', 'run'), { kind: 'word', name: 'name' }],
      handler: (_ctx, args) => {
        const a = m.config.applets.get(str(args, 'name'));
        // IOS runs only applets registered with `event none` this way.
        if (a?.event?.kind !== 'none')
          return { output: 'EEM policy ' + str(args, 'name') + ' not registered with event none Event Detector' };
        runner.runNow(a.name);
      },
    },
  ];
}
