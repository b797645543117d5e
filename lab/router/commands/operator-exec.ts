/**
 * Exec commands an engineer types on a spoke and the agent never reads:
 * `show clock`, `write memory`, `show ip route A.B.C.D` and the protocol
 * filters of `show ip route`, `clear counters [IF]`. Their output follows IOS 15.
 */
import { CliError, kw, type CommandDef, type Mode } from '../../cli/grammar.js';
import type { RouteCode } from '../dynamics/routes.js';
import { iosDate } from '../../render/format.js';
import { renderIpRoute } from '../../render/ip-route.js';
import { renderRouteEntry } from '../../render/ip-route-entry.js';
import type { RouterModel } from '../model.js';
import { str } from './common.js';

const USER_AND_EXEC: readonly Mode[] = ['user', 'exec'];

/**
 * `*15:04:05.123 UTC Sun Dec 6 2026`: the leading `*` is IOS saying the time
 * is not authoritative (no NTP, no calendar), which is the lab's case.
 */
export function renderClock(ms: number): string {
  return `*${iosDate(ms, true)}`;
}

const ROUTE_FILTERS: ReadonlyArray<[string, RouteCode[]]> = [
  ['connected', ['C', 'L']],
  ['static', ['S']],
  ['bgp', ['B']],
  ['nhrp', ['H']],
];

export function operatorExecCommands(m: RouterModel): CommandDef[] {
  const now = () => m.opts.clock.now();
  // IOS: `write` alone is `write memory`; the lab keeps no startup-config, so there is nothing more to do.
  const saved = () => ({ output: 'Building configuration...\n[OK]' });
  return [
    { modes: USER_AND_EXEC, syntax: kw('show', 'clock'), handler: () => ({ output: renderClock(now()) }) },
    { modes: USER_AND_EXEC, syntax: kw('show', 'clock', 'detail'), handler: () => ({ output: `${renderClock(now())}\nNo time source` }) },
    { modes: ['exec'], syntax: kw('write'), handler: saved },
    { modes: ['exec'], syntax: kw('write', 'memory'), handler: saved },
    {
      modes: USER_AND_EXEC,
      syntax: [...kw('show', 'ip', 'route'), { kind: 'ipv4', name: 'address' }],
      handler: (_ctx, args) => ({ output: renderRouteEntry(m, str(args, 'address')) }),
    },
    // `clear counters [IF]`: IOS asks first; the counters `show interfaces` prints start again from
    // zero and `Last clearing of "show interface" counters` says when (a metered WAN's accounting sees a restart).
    {
      modes: ['exec'],
      syntax: kw('clear', 'counters'),
      handler: () => ({
        confirm: {
          prompt: 'Clear "show interface" counters on all interfaces [confirm]',
          then: () => clearCounters(m, [...m.rt.interfaces.keys()]),
        },
      }),
    },
    {
      modes: ['exec'],
      syntax: [...kw('clear', 'counters'), { kind: 'interface', name: 'interface' }],
      handler: (_ctx, args) => {
        const name = str(args, 'interface');
        if (!m.rt.interfaces.has(name)) throw new CliError(["% Invalid input detected at '^' marker."]);
        return { confirm: { prompt: 'Clear "show interface" counters on this interface [confirm]', then: () => clearCounters(m, [name]) } };
      },
    },
    ...ROUTE_FILTERS.map(([word, codes]): CommandDef => ({
      modes: USER_AND_EXEC,
      syntax: kw('show', 'ip', 'route', word),
      handler: () => ({ output: renderIpRoute(m, undefined, codes) }),
    })),
  ];
}

function clearCounters(m: RouterModel, names: readonly string[]): void {
  const at = m.opts.clock.now();
  for (const name of names) {
    const ifc = m.rt.interfaces.get(name);
    if (!ifc) continue;
    ifc.counters = {
      ...ifc.counters,
      packetsIn: 0,
      bytesIn: 0,
      packetsOut: 0,
      bytesOut: 0,
      broadcastsIn: 0,
      interfaceResets: 0,
      carrierTransitions: 0,
    };
    ifc.countersClearedAt = at;
  }
}
