/**
 * The jitter operation types under `ip sla N`, with IOS's optional clauses
 * in the command reference's order (each definition is one combination):
 *   icmp-jitter DEST [interval MS] [num-packets N] [source-ip ADDR]
 *   udp-jitter DEST PORT [source-ip ADDR] [source-port P] [control enable|disable] [num-packets N] [interval MS]
 * They enter `config-ip-sla-icmpjitter` and `config-ip-sla-jitter`.
 */
import { kw, type CommandDef } from '../../cli/grammar.js';
import { SLA_DEFAULTS, type IpSlaConfig } from '../config-model.js';
import { JITTER_DEFAULTS, type IcmpJitterConfig, type UdpJitterConfig } from '../ip-sla-config.js';
import type { RouterModel } from '../model.js';
import { num, targetNumber } from './common.js';
import { addressArg, combinations, CONTROL, controlDisabled, refuseRetype, SOURCE_IP, SOURCE_PORT, type Clause } from './ip-sla-common.js';

const INTERVAL: Clause = [[...kw('interval'), { kind: 'number', name: 'interval', min: 4, max: 60000 }]];
const NUM_PACKETS: Clause = [[...kw('num-packets'), { kind: 'number', name: 'packets', min: 1, max: 60000 }]];

export function ipSlaJitterCommands(m: RouterModel): CommandDef[] {
  const slas = m.config.slas;
  const define = (
    id: number,
    patch: Pick<IpSlaConfig, 'icmpJitter'> | Pick<IpSlaConfig, 'udpJitter'>,
    same: (e: IpSlaConfig) => boolean,
  ): void => {
    const existing = slas.get(id);
    refuseRetype(existing, same);
    slas.set(id, { ...(existing ?? { id, ...SLA_DEFAULTS }), ...patch });
  };
  const icmp = combinations([INTERVAL, NUM_PACKETS, SOURCE_IP]).map((tail): CommandDef => ({
    modes: ['config-ip-sla'],
    syntax: [...kw('icmp-jitter'), { kind: 'ipv4', name: 'destination' }, ...tail],
    handler: (ctx, args) => {
      const id = targetNumber(ctx);
      const destination = addressArg(args, 'destination')!;
      const sourceIp = addressArg(args, 'sourceIp');
      const cfg: IcmpJitterConfig = {
        destination,
        intervalMs: args.interval !== undefined ? num(args, 'interval') : JITTER_DEFAULTS.intervalMs,
        numPackets: args.packets !== undefined ? num(args, 'packets') : JITTER_DEFAULTS.numPackets,
        ...(sourceIp !== undefined ? { sourceIp } : {}),
      };
      define(id, { icmpJitter: cfg }, (e) => JSON.stringify(e.icmpJitter) === JSON.stringify(cfg));
      return { enter: { mode: 'config-ip-sla-icmpjitter', target: String(id) } };
    },
  }));
  const udp = combinations([SOURCE_IP, SOURCE_PORT, CONTROL, NUM_PACKETS, INTERVAL]).map((tail): CommandDef => ({
    modes: ['config-ip-sla'],
    syntax: [...kw('udp-jitter'), { kind: 'ipv4', name: 'destination' }, { kind: 'number', name: 'port', min: 1, max: 65535 }, ...tail],
    handler: (ctx, args) => {
      const id = targetNumber(ctx);
      const destination = addressArg(args, 'destination')!;
      const sourceIp = addressArg(args, 'sourceIp');
      const cfg: UdpJitterConfig = {
        destination,
        port: num(args, 'port'),
        control: !controlDisabled(tail),
        intervalMs: args.interval !== undefined ? num(args, 'interval') : JITTER_DEFAULTS.intervalMs,
        numPackets: args.packets !== undefined ? num(args, 'packets') : JITTER_DEFAULTS.numPackets,
        ...(sourceIp !== undefined ? { sourceIp } : {}),
        ...(args.sourcePort !== undefined ? { sourcePort: num(args, 'sourcePort') } : {}),
      };
      define(id, { udpJitter: cfg }, (e) => JSON.stringify(e.udpJitter) === JSON.stringify(cfg));
      return { enter: { mode: 'config-ip-sla-jitter', target: String(id) } };
    },
  }));
  return [...icmp, ...udp];
}
