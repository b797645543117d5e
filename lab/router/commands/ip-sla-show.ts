/** `show ip sla configuration [N]` and `show ip sla reaction-configuration [N]` (statistics and summary are in exec.ts). */
import { kw, type CommandDef, type Mode } from '../../cli/grammar.js';
import { renderIpSlaConfiguration, renderIpSlaReactionConfiguration } from '../../render/ip-sla-config.js';
import type { RouterModel } from '../model.js';
import { num } from './common.js';
import { SLA_ID } from './ip-sla-common.js';

const USER_AND_EXEC: readonly Mode[] = ['user', 'exec'];

export function ipSlaShowCommands(m: RouterModel): CommandDef[] {
  const show = (word: string, render: (m: RouterModel, only?: number) => string): CommandDef[] => [
    { modes: USER_AND_EXEC, syntax: kw('show', 'ip', 'sla', word), handler: () => ({ output: render(m) }) },
    {
      modes: USER_AND_EXEC,
      syntax: [...kw('show', 'ip', 'sla', word), SLA_ID],
      handler: (_ctx, args) => ({ output: render(m, num(args, 'operation')) }),
    },
  ];
  return [...show('configuration', renderIpSlaConfiguration), ...show('reaction-configuration', renderIpSlaReactionConfiguration)];
}
