/**
 * A small stand-in for the lab's router model, enough to exercise the
 * terminal: show commands, parameters of each kind, config sub-modes, a
 * handler that refuses with CliError and one that crashes.
 */
import { CliError, kw, type CommandDef, type LabDevice, type Token } from '../../lab/cli/grammar.js';

export interface FakeState {
  hostname: string;
  shutdown: Map<string, boolean>;
  descriptions: Map<string, string>;
  stubTracks: Map<number, 'up' | 'down'>;
  slaTargets: Map<number, string>;
  slaFrequency: Map<number, number>;
  cleared: string[];
}

/** `show version` is long enough to page at the default length of 24. */
export const VERSION_LINES = Array.from({ length: 50 }, (_, i) => `version line ${i + 1}`);

const iface: Token = { kind: 'interface', name: 'if' };
const EXEC = ['user', 'exec'] as const;

export function fakeDevice(): LabDevice & { state: FakeState } {
  const state: FakeState = {
    hostname: 'spoke1',
    shutdown: new Map([
      ['GigabitEthernet0/0', false],
      ['Cellular0/1/0', false],
      ['Tunnel100', false],
    ]),
    descriptions: new Map(),
    stubTracks: new Map(),
    slaTargets: new Map(),
    slaFrequency: new Map(),
    cleared: [],
  };
  const knownInterface = (name: string) => {
    if (!state.shutdown.has(name)) throw new CliError(['% Invalid interface type and number']);
    return name;
  };

  const commands: CommandDef[] = [
    { modes: EXEC, syntax: kw('show', 'version'), handler: () => ({ output: VERSION_LINES.join('\n') }) },
    {
      modes: EXEC,
      syntax: kw('show', 'ip', 'interface', 'brief'),
      handler: () => ({
        output: [...state.shutdown].map(([n, down]) => `${n.padEnd(23)}${down ? 'administratively down' : 'up'}`).join('\n'),
      }),
    },
    { modes: ['exec'], syntax: kw('show', 'running-config'), handler: () => ({ output: `hostname ${state.hostname}\n!\nend\n` }) },
    {
      modes: ['exec'],
      syntax: [...kw('show', 'interfaces'), iface],
      handler: (_ctx, args) => ({ output: `${knownInterface(String(args.if))} is up` }),
    },
    { modes: EXEC, syntax: [...kw('ping'), { kind: 'ipv4', name: 'target' }], handler: (_c, a) => ({ output: `ping ${a.target} ok` }) },
    {
      modes: ['exec'],
      syntax: [...kw('clear', 'crypto', 'session', 'remote'), { kind: 'ip', name: 'peer' }],
      handler: (_ctx, args) => {
        if (args.peer === '203.0.113.9') throw new CliError(['% No such session']);
        state.cleared.push(String(args.peer));
      },
    },
    {
      modes: ['exec'],
      syntax: kw('test', 'crash'),
      handler: () => {
        throw new Error('model bug');
      },
    },
    {
      modes: ['config'],
      syntax: [...kw('hostname'), { kind: 'word', name: 'name' }],
      handler: (_ctx, args) => {
        state.hostname = String(args.name);
      },
    },
    {
      modes: ['config'],
      syntax: [...kw('interface'), iface],
      handler: (_ctx, args) => ({ enter: { mode: 'config-if', target: knownInterface(String(args.if)) } }),
    },
    { modes: ['config-if'], syntax: kw('shutdown'), handler: (ctx) => void state.shutdown.set(ctx.modeTarget!, true) },
    { modes: ['config-if'], syntax: kw('no', 'shutdown'), handler: (ctx) => void state.shutdown.set(ctx.modeTarget!, false) },
    {
      modes: ['config-if'],
      syntax: [...kw('description'), { kind: 'rest', name: 'text' }],
      handler: (ctx, args) => void state.descriptions.set(ctx.modeTarget!, String(args.text)),
    },
    {
      modes: ['config'],
      syntax: [...kw('track'), { kind: 'number', name: 'id', min: 1, max: 1000 }, ...kw('stub-object')],
      handler: (_ctx, args) => {
        state.stubTracks.set(Number(args.id), state.stubTracks.get(Number(args.id)) ?? 'up');
        return { enter: { mode: 'config-track', target: String(args.id) } };
      },
    },
    ...(['up', 'down'] as const).map((value): CommandDef => ({
      modes: ['config-track'],
      syntax: kw('default-state', value),
      handler: (ctx) => void state.stubTracks.set(Number(ctx.modeTarget), value),
    })),
    {
      modes: ['config'],
      syntax: [...kw('ip', 'sla'), { kind: 'number', name: 'op', min: 1, max: 2147483647 }],
      handler: (_ctx, args) => ({ enter: { mode: 'config-ip-sla', target: String(args.op) } }),
    },
    {
      modes: ['config-ip-sla'],
      syntax: [...kw('icmp-echo'), { kind: 'ipv4', name: 'dst' }, ...kw('source-interface'), iface],
      handler: (ctx, args) => {
        state.slaTargets.set(Number(ctx.modeTarget), `${args.dst} via ${args.if}`);
        return { enter: { mode: 'config-ip-sla-echo', target: ctx.modeTarget } };
      },
    },
    {
      modes: ['config-ip-sla-echo'],
      syntax: [...kw('frequency'), { kind: 'number', name: 'seconds', min: 1, max: 604800 }],
      handler: (ctx, args) => void state.slaFrequency.set(Number(ctx.modeTarget), Number(args.seconds)),
    },
  ];

  return { state, hostname: () => state.hostname, commands: () => commands };
}
