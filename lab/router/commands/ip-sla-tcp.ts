/**
 * `tcp-connect DEST PORT [source-ip ADDR] [source-port P] [control enable|disable]`
 * under `ip sla N`, entering `config-ip-sla-tcp` (the mode the IP SLA
 * command reference lists for `timeout`, `threshold`, `frequency`). The
 * configuration guide writes `[source-ip ADDR source-port P]` as one clause;
 * the lab takes each alone too, as it does for udp-jitter (unverified which
 * IOS refuses). A hostname destination is not modelled.
 */
import { kw, type CommandDef } from '../../cli/grammar.js';
import { SLA_DEFAULTS } from '../config-model.js';
import type { TcpConnectConfig } from '../ip-sla-config.js';
import type { RouterModel } from '../model.js';
import { num, targetNumber } from './common.js';
import { addressArg, combinations, CONTROL, controlDisabled, refuseRetype, SOURCE_IP, SOURCE_PORT } from './ip-sla-common.js';

export function ipSlaTcpCommands(m: RouterModel): CommandDef[] {
  const slas = m.config.slas;
  return combinations([SOURCE_IP, SOURCE_PORT, CONTROL]).map((tail): CommandDef => ({
    modes: ['config-ip-sla'],
    syntax: [...kw('tcp-connect'), { kind: 'ipv4', name: 'destination' }, { kind: 'number', name: 'port', min: 1, max: 65535 }, ...tail],
    handler: (ctx, args) => {
      const id = targetNumber(ctx);
      const destination = addressArg(args, 'destination')!;
      const sourceIp = addressArg(args, 'sourceIp');
      const cfg: TcpConnectConfig = {
        destination,
        port: num(args, 'port'),
        control: !controlDisabled(tail),
        ...(sourceIp !== undefined ? { sourceIp } : {}),
        ...(args.sourcePort !== undefined ? { sourcePort: num(args, 'sourcePort') } : {}),
      };
      const existing = slas.get(id);
      refuseRetype(existing, (e) => JSON.stringify(e.tcpConnect) === JSON.stringify(cfg));
      slas.set(id, { ...(existing ?? { id, ...SLA_DEFAULTS }), tcpConnect: cfg });
      return { enter: { mode: 'config-ip-sla-tcp', target: String(id) } };
    },
  }));
}
