/**
 * `ip sla N` with `icmp-echo DST [source-interface IF]` and its
 * `config-ip-sla-echo` lines (`frequency`, `threshold`, `timeout`),
 * `ip sla schedule N life forever start-time now`, and their `no` forms.
 */
import { CliError, kw, type CommandDef } from '../../cli/grammar.js';
import { SLA_DEFAULTS, type IpSlaConfig } from '../config-model.js';
import type { RouterModel } from '../model.js';
import { invalid, isIpv4, num, str, targetNumber } from './common.js';

const SLA_ID = { kind: 'number', name: 'operation', min: 1, max: 2147483647 } as const;

/**
 * IOS will not modify a scheduled operation: it must be deleted and created
 * again (`no ip sla N`). The message is IOS's own, on two lines.
 */
function refuseIfRunning(m: RouterModel, id: number): void {
  if (m.config.scheduled.has(id)) {
    throw new CliError([
      '%Entry already running and cannot be modified',
      '(only can delete (no) and start over)',
      '(check to see if the probe has finished exiting)',
    ]);
  }
}

export function ipSlaCommands(m: RouterModel): CommandDef[] {
  const slas = m.config.slas;
  const echo = (withSource: boolean): CommandDef => ({
    modes: ['config-ip-sla'],
    syntax: [...kw('icmp-echo'), { kind: 'ipv4', name: 'destination' }, ...(withSource ? [...kw('source-interface'), { kind: 'interface' as const, name: 'source' }] : [])],
    handler: (ctx, args) => {
      const id = targetNumber(ctx);
      const destination = str(args, 'destination');
      if (!isIpv4(destination)) invalid();
      const source = withSource ? str(args, 'source') : undefined;
      if (source !== undefined && !m.config.interfaces.has(source)) invalid();
      const existing = slas.get(id);
      // IOS: an operation's type is fixed once set; a different destination is a new operation.
      if (existing?.icmpEcho && (existing.icmpEcho.destination !== destination || existing.icmpEcho.sourceInterface !== source)) {
        throw new CliError(['%Cannot change the type or target of an existing entry; delete it first']);
      }
      const next: IpSlaConfig = existing ?? { id, ...SLA_DEFAULTS };
      slas.set(id, { ...next, icmpEcho: source === undefined ? { destination } : { destination, sourceInterface: source } });
      return { enter: { mode: 'config-ip-sla-echo', target: String(id) } };
    },
  });
  const echoSetting = (word: string, name: 'frequencySec' | 'thresholdMs' | 'timeoutMs', min: number, max: number): CommandDef[] => [
    {
      modes: ['config-ip-sla-echo'],
      syntax: [...kw(word), { kind: 'number', name: 'value', min, max }],
      handler: (ctx, args) => {
        const sla = slas.get(targetNumber(ctx));
        if (!sla) invalid();
        slas.set(sla.id, { ...sla, [name]: num(args, 'value') });
      },
    },
    {
      modes: ['config-ip-sla-echo'],
      syntax: kw('no', word),
      handler: (ctx) => {
        const sla = slas.get(targetNumber(ctx));
        if (!sla) invalid();
        slas.set(sla.id, { ...sla, [name]: SLA_DEFAULTS[name] });
      },
    },
  ];
  return [
    {
      modes: ['config'],
      syntax: [...kw('ip', 'sla'), SLA_ID],
      handler: (_ctx, args) => {
        const id = num(args, 'operation');
        refuseIfRunning(m, id);
        return { enter: { mode: 'config-ip-sla', target: String(id) } };
      },
    },
    {
      modes: ['config'],
      syntax: [...kw('no', 'ip', 'sla'), SLA_ID],
      handler: (_ctx, args) => {
        const id = num(args, 'operation');
        slas.delete(id);
        m.config.scheduled.delete(id);
      },
    },
    echo(true),
    echo(false),
    ...echoSetting('frequency', 'frequencySec', 1, 604800),
    ...echoSetting('threshold', 'thresholdMs', 0, 2147483647),
    ...echoSetting('timeout', 'timeoutMs', 0, 604800000),
    {
      modes: ['config'],
      syntax: [...kw('ip', 'sla', 'schedule'), SLA_ID, ...kw('life', 'forever', 'start-time', 'now')],
      handler: (_ctx, args) => {
        const id = num(args, 'operation');
        const sla = slas.get(id);
        if (!sla?.icmpEcho) throw new CliError([`%No IP SLA operation ${id} configured`]);
        if (m.config.scheduled.has(id)) throw new CliError(['%Entry already running and cannot be modified']);
        m.config.scheduled.add(id);
      },
    },
    {
      modes: ['config'],
      syntax: [...kw('no', 'ip', 'sla', 'schedule'), SLA_ID],
      handler: (_ctx, args) => {
        m.config.scheduled.delete(num(args, 'operation'));
      },
    },
  ];
}
