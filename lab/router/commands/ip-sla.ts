/**
 * `ip sla N` with `icmp-echo DST [source-interface IF]` (jitter operations
 * in ip-sla-jitter.ts, tcp-connect in ip-sla-tcp.ts) and the lines every
 * operation mode takes (`frequency`, `threshold`, `timeout`), `ip sla
 * schedule N ...` and their `no` forms; reactions in ip-sla-reaction.ts,
 * show commands in ip-sla-show.ts.
 */
import { CliError, kw, type CommandDef, type Token } from '../../cli/grammar.js';
import { SLA_DEFAULTS, type IpSlaConfig } from '../config-model.js';
import type { RouterModel } from '../model.js';
import { invalid, isIpv4, num, str, targetNumber } from './common.js';
import { hasOperationType, OPERATION_MODES, refuseRetype, SLA_ID, THRESHOLD_OVER_TIMEOUT } from './ip-sla-common.js';
import { ipSlaJitterCommands } from './ip-sla-jitter.js';
import { ipSlaReactionCommands } from './ip-sla-reaction.js';
import { ipSlaShowCommands } from './ip-sla-show.js';
import { ipSlaTcpCommands } from './ip-sla-tcp.js';

/**
 * IOS will not modify a scheduled operation: it must be deleted and created
 * again (`no ip sla N`). The message is IOS's own, on two lines.
 */
function refuseIfRunning(m: RouterModel, id: number): void {
  if (m.config.scheduled.has(id) || m.config.ipSla.pending.has(id)) {
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
    syntax: [
      ...kw('icmp-echo'),
      { kind: 'ipv4', name: 'destination' },
      ...(withSource ? [...kw('source-interface'), { kind: 'interface' as const, name: 'source' }] : []),
    ],
    handler: (ctx, args) => {
      const id = targetNumber(ctx);
      const destination = str(args, 'destination');
      if (!isIpv4(destination)) invalid();
      const source = withSource ? str(args, 'source') : undefined;
      if (source !== undefined && !m.config.interfaces.has(source)) invalid();
      const existing = slas.get(id);
      refuseRetype(existing, (e) => e.icmpEcho?.destination === destination && e.icmpEcho.sourceInterface === source);
      const next: IpSlaConfig = existing ?? { id, ...SLA_DEFAULTS };
      slas.set(id, { ...next, icmpEcho: source === undefined ? { destination } : { destination, sourceInterface: source } });
      return { enter: { mode: 'config-ip-sla-echo', target: String(id) } };
    },
  });
  const setting = (word: string, name: 'frequencySec' | 'thresholdMs' | 'timeoutMs', min: number, max: number): CommandDef[] => {
    const apply = (id: number, value: number): void => {
      const sla = slas.get(id);
      if (!sla) invalid();
      // A timeout below the threshold brings the threshold down with it (`timeout 1000` alone is a common, working configuration).
      const clamp = name === 'timeoutMs' && value < sla.thresholdMs ? { thresholdMs: value } : {};
      slas.set(sla.id, { ...sla, [name]: value, ...clamp });
    };
    return [
      {
        modes: OPERATION_MODES,
        syntax: [...kw(word), { kind: 'number', name: 'value', min, max }],
        handler: (ctx, args) => apply(targetNumber(ctx), num(args, 'value')),
      },
      { modes: OPERATION_MODES, syntax: kw('no', word), handler: (ctx) => apply(targetNumber(ctx), SLA_DEFAULTS[name]) },
    ];
  };
  // `tos N` in any operation mode ("IP SLAs ... Operations": Type of Service byte, 0-255); `no tos` restores 0.
  const tos = (id: number, value: number): void => {
    const sla = slas.get(id);
    if (!sla) invalid();
    const { tos: _old, ...rest } = sla;
    slas.set(sla.id, value === 0 ? rest : { ...rest, tos: value });
  };
  return [
    {
      modes: OPERATION_MODES,
      syntax: [...kw('tos'), { kind: 'number', name: 'value', min: 0, max: 255 }],
      handler: (ctx, args) => tos(targetNumber(ctx), num(args, 'value')),
    },
    { modes: OPERATION_MODES, syntax: kw('no', 'tos'), handler: (ctx) => tos(targetNumber(ctx), 0) },
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
        m.config.ipSla.pending.delete(id);
        m.config.ipSla.reactions.delete(id);
      },
    },
    echo(true),
    echo(false),
    ...setting('frequency', 'frequencySec', 1, 604800),
    ...setting('threshold', 'thresholdMs', 0, 2147483647),
    ...setting('timeout', 'timeoutMs', 0, 604800000),
    ...scheduleCommands(m),
    ...ipSlaJitterCommands(m),
    ...ipSlaTcpCommands(m),
    ...ipSlaReactionCommands(m),
    ...ipSlaShowCommands(m),
  ];
}

type Life = number | 'forever';
const LIFE_FOREVER: Token[] = kw('life', 'forever');
const LIFE_SECONDS: Token[] = [...kw('life'), { kind: 'number', name: 'life', min: 0, max: 2147483647 }];

/**
 * `ip sla schedule N [life forever|S] [start-time now|pending]`, the two
 * clauses in either order (IOS prints `life` first). `start-time now` with
 * `life forever` runs for ever; `start-time pending` waits for a reaction
 * trigger (`ip sla reaction-trigger`) and then runs for its life.
 */
function scheduleCommands(m: RouterModel): CommandDef[] {
  const slas = m.config.slas;
  const schedule = (id: number, life: Life, start: 'now' | 'pending'): void => {
    const sla = slas.get(id);
    if (!hasOperationType(sla)) throw new CliError([`%No IP SLA operation ${id} configured`]);
    if (m.config.scheduled.has(id) || m.config.ipSla.pending.has(id)) throw new CliError(['%Entry already running and cannot be modified']);
    if (sla.thresholdMs > sla.timeoutMs) throw new CliError([THRESHOLD_OVER_TIMEOUT]);
    // A bounded life started now is not modelled: the lab's operations run for ever once started.
    if (start === 'now' && life !== 'forever') invalid();
    if (start === 'now') m.config.scheduled.add(id);
    else m.config.ipSla.pending.set(id, { lifeSec: life });
  };
  const defs: CommandDef[] = [];
  for (const start of ['now', 'pending'] as const) {
    const startTokens = kw('start-time', start);
    for (const lifeTokens of [LIFE_FOREVER, LIFE_SECONDS, []]) {
      const orders =
        lifeTokens.length === 0
          ? [startTokens]
          : [
              [...lifeTokens, ...startTokens],
              [...startTokens, ...lifeTokens],
            ];
      for (const tail of orders) {
        defs.push({
          modes: ['config'],
          syntax: [...kw('ip', 'sla', 'schedule'), SLA_ID, ...tail],
          // IOS's default life is 3600 seconds.
          handler: (_ctx, args) =>
            schedule(
              num(args, 'operation'),
              lifeTokens === LIFE_FOREVER ? 'forever' : args.life !== undefined ? num(args, 'life') : 3600,
              start,
            ),
        });
      }
    }
  }
  defs.push({
    modes: ['config'],
    syntax: [...kw('no', 'ip', 'sla', 'schedule'), SLA_ID],
    handler: (_ctx, args) => {
      const id = num(args, 'operation');
      m.config.scheduled.delete(id);
      m.config.ipSla.pending.delete(id);
    },
  });
  return defs;
}
