/**
 * IP SLA tcp-connect on the lab router: the command and its clauses, the
 * world's TCP listeners, what a run returns (OK, No connection on a reset,
 * Timeout when the SYN is lost), `ip sla N reachability` following it, the
 * show layouts the agent parses without warnings, and a presence probe that
 * draws no randomness (the other probes see the same world with or without it).
 */
import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import type { IpSlaStatistics, IpSlaSummary, Track } from '../../proto/records/health.js';
import { CliError } from '../../lab/cli/grammar.js';
import { createLabRouter, type LabRouter } from '../../lab/router/index.js';
import { renderRunningConfig } from '../../lab/render/running-config.js';
import { ManualClock } from '../../lab/world/clock.js';
import { exec, labRouter, seconds } from './lab-helpers.js';

const APP = '192.168.5.2';
const PORT = 7779;
const HUB1 = '198.51.100.1';
const FIBRE = 'GigabitEthernet0/0';

/** Operation 190 probing `target` every 5 s with a 1000 ms timeout, tracked by reachability. */
function probing(target = `${APP} ${PORT}`, extra: string[] = []): { router: LabRouter; clock: ManualClock } {
  const made = labRouter();
  made.router.configure(
    [
      'ip sla 190',
      ` tcp-connect ${target} control disable`,
      ' timeout 1000',
      ' frequency 5',
      ...extra,
      'ip sla schedule 190 life forever start-time now',
      'track 190 ip sla 190 reachability',
    ].join('\n'),
  );
  return made;
}

function parsed<T>(router: LabRouter, command: string): T[] {
  const out = parseCommandOutput(command, exec(router, command));
  expect(out.warnings, `${command}:\n${exec(router, command)}`).toEqual([]);
  return out.records as T[];
}

describe('the tcp-connect command', () => {
  it.each([
    [`tcp-connect ${APP} ${PORT}`, { destination: APP, port: PORT, control: true }],
    [`tcp-connect ${APP} ${PORT} control disable`, { destination: APP, port: PORT, control: false }],
    [`tcp-connect ${HUB1} 443 source-ip 192.0.2.10`, { destination: HUB1, port: 443, sourceIp: '192.0.2.10', control: true }],
    [
      `tcp-connect ${HUB1} 443 source-ip 192.0.2.10 source-port 40000 control enable`,
      { destination: HUB1, port: 443, sourceIp: '192.0.2.10', sourcePort: 40000, control: true },
    ],
  ])('%s enters config-ip-sla-tcp and is kept as typed', (line, expected) => {
    const { router } = labRouter();
    exec(router, 'ip sla 7', 'config');
    expect(exec(router, line, 'config-ip-sla', '7')).toBe('');
    expect(router.model.config.slas.get(7)?.tcpConnect).toEqual(expected);
    exec(router, 'frequency 5', 'config-ip-sla-tcp', '7');
    expect(router.model.config.slas.get(7)?.frequencySec).toBe(5);
  });

  it.each([[`tcp-connect ${APP} 0`], [`tcp-connect ${APP} 65536`], [`tcp-connect ${APP} ${PORT} control maybe`]])('refuses %s', (line) => {
    const { router } = labRouter();
    exec(router, 'ip sla 7', 'config');
    expect(() => exec(router, line, 'config-ip-sla', '7')).toThrow();
  });

  it('an operation keeps its type: tcp-connect on an icmp-echo entry is refused', () => {
    const { router } = labRouter();
    router.configure(`ip sla 7\n icmp-echo ${HUB1}`);
    expect(() => exec(router, `tcp-connect ${APP} ${PORT}`, 'config-ip-sla', '7')).toThrow(CliError);
  });

  it('prints back in the running configuration, clauses in the command order, and loads back', () => {
    const { router } = probing(`${HUB1} 443 source-ip 192.0.2.10 source-port 40000`);
    const text = exec(router, 'show running-config');
    expect(text).toContain(
      `ip sla 190\n tcp-connect ${HUB1} 443 source-ip 192.0.2.10 source-port 40000 control disable\n threshold 1000\n timeout 1000\n frequency 5\nip sla schedule 190 life forever start-time now\n`,
    );
    const body = text
      .split('\n')
      .slice(3)
      .filter((l) => !/^(version|service|boot-|ip route|end)/.test(l))
      .join('\n');
    const rebuilt = createLabRouter({ clock: new ManualClock(), config: body });
    expect(renderRunningConfig(rebuilt.model)).toBe(renderRunningConfig(router.model));
  });
});

describe("the world's TCP listeners", () => {
  it('open, close, and refuse a port out of range', () => {
    const { router } = labRouter();
    const w = router.world;
    expect(w.tcpListening(APP, PORT)).toBe(false);
    w.setTcpListener(APP, PORT, true);
    expect([w.tcpListening(APP, PORT), w.tcpListening(APP, PORT + 1), w.tcpListening('192.168.5.3', PORT)]).toEqual([true, false, false]);
    w.setTcpListener(APP, PORT, false);
    expect(w.tcpListening(APP, PORT)).toBe(false);
    expect(() => w.setTcpListener(APP, 0, true)).toThrow(RangeError);
  });
});

interface RunCase {
  name: string;
  target: string;
  setup: (r: LabRouter) => void;
  code: string;
  rttMs?: number;
  reachability: 'up' | 'down';
}

describe('what a run returns', () => {
  const CASES: RunCase[] = [
    {
      name: 'the IOx app listening: OK in about 1 ms over GigabitEthernet5',
      target: `${APP} ${PORT}`,
      setup: (r) => r.world.setTcpListener(APP, PORT, true),
      code: 'ok',
      rttMs: 1,
      reachability: 'up',
    },
    // The app's host answers the SYN with a reset: a refusal, not a lost packet.
    {
      name: 'nothing listening on the app: No connection',
      target: `${APP} ${PORT}`,
      setup: () => undefined,
      code: 'no-connection',
      reachability: 'down',
    },
    {
      name: 'the app listening on another port: No connection',
      target: `${APP} ${PORT}`,
      setup: (r) => r.world.setTcpListener(APP, PORT + 1, true),
      code: 'no-connection',
      reachability: 'down',
    },
    {
      name: "a server behind the WAN listening: OK at the fibre's RTT",
      target: `${HUB1} 443`,
      setup: (r) => r.world.setTcpListener(HUB1, 443, true),
      code: 'ok',
      reachability: 'up',
    },
    {
      name: 'a server behind the WAN, port closed: No connection',
      target: `${HUB1} 443`,
      setup: () => undefined,
      code: 'no-connection',
      reachability: 'down',
    },
    {
      name: 'the WAN path losing everything: Timeout',
      target: `${HUB1} 443`,
      setup: (r) => {
        r.world.setTcpListener(HUB1, 443, true);
        r.world.setPath(FIBRE, '*', { lossPct: 100 });
      },
      code: 'timeout',
      reachability: 'down',
    },
    {
      name: 'slower than the threshold: Over threshold, still reachable',
      target: `${HUB1} 443`,
      setup: (r) => {
        r.world.setTcpListener(HUB1, 443, true);
        r.world.setPath(FIBRE, '*', { latencyMs: 400, jitterMs: 0 });
      },
      code: 'over-threshold',
      rttMs: 400,
      reachability: 'up',
    },
  ];

  it.each(CASES)('$name', ({ target, setup, code, rttMs, reachability }) => {
    const { router, clock } = probing(target, [' threshold 300']);
    setup(router);
    seconds(clock, 7);
    const rt = router.model.rt.slas.get(190)!;
    expect(rt.code).toBe(code);
    if (rttMs !== undefined) expect(rt.rttMs).toBe(rttMs);
    if (code === 'ok' && rttMs === undefined) expect(rt.rttMs).toBeGreaterThan(5);
    if (code === 'timeout' || code === 'no-connection') expect(rt.rttMs).toBeUndefined();
    expect(router.model.rt.tracks.get(190)?.state).toBe(reachability);
  });

  it('follows the listener: reachability goes down when the port refuses and up when it accepts again', () => {
    const { router, clock } = probing();
    router.world.setTcpListener(APP, PORT, true);
    seconds(clock, 6);
    expect(router.model.rt.tracks.get(190)?.state).toBe('up');
    router.world.setTcpListener(APP, PORT, false);
    seconds(clock, 6);
    expect(router.model.rt.tracks.get(190)?.state).toBe('down');
    expect(router.model.rt.slas.get(190)).toMatchObject({ code: 'no-connection', connectionLost: true });
    router.world.setTcpListener(APP, PORT, true);
    seconds(clock, 6);
    expect(router.model.rt.tracks.get(190)?.state).toBe('up');
  });

  it('draws no randomness to the IOx app: every other probe sees the same world with or without it', () => {
    const plain = labRouter();
    const withPresence = probing();
    withPresence.router.world.setTcpListener(APP, PORT, true);
    seconds(plain.clock, 60);
    seconds(withPresence.clock, 60);
    const others = (r: LabRouter) =>
      [...r.model.rt.slas].filter(([id]) => id !== 190).map(([id, s]) => [id, s.rttMs, s.successes, s.failures]);
    expect(others(withPresence.router)).toEqual(others(plain.router));
  });
});

describe('show commands the agent parses', () => {
  it.each([
    ['listening', true],
    ['refused', false],
  ] as const)('%s: statistics, summary and tracks without warnings, records as the model', (_name, open) => {
    const { router, clock } = probing();
    router.world.setTcpListener(APP, PORT, open);
    seconds(clock, 7);
    for (const command of [
      'show ip sla statistics',
      'show ip sla statistics details',
      'show ip sla statistics 190',
      'show track',
      'show track 190',
    ])
      parsed(router, command);
    const stats = parsed<IpSlaStatistics>(router, 'show ip sla statistics').find((r) => r.operationId === 190)!;
    const rt = router.model.rt.slas.get(190)!;
    expect(stats).toMatchObject({ returnCode: open ? 'ok' : 'no-connection', successes: rt.successes, failures: rt.failures });
    expect(stats.rttMs).toBe(open ? 1 : undefined);
    const summary = parsed<IpSlaSummary>(router, 'show ip sla summary').find((r) => r.operationId === 190)!;
    expect(summary).toMatchObject({ type: 'tcp-connect', destination: APP, state: 'active', returnCode: open ? 'ok' : 'no-connection' });
    const brief = parsed<Track>(router, 'show track brief').find((t) => t.id === 190);
    expect(brief?.state).toBe(open ? 'up' : 'down');
  });

  it('show ip sla configuration: target port, control packets, no request size', () => {
    const { router } = probing();
    const text = exec(router, 'show ip sla configuration 190');
    expect(text).toContain(
      [
        'Type of operation to perform: tcp-connect',
        `Target address/Source address: ${APP}/0.0.0.0`,
        `Target port/Source port: ${PORT}/0`,
        'Type Of Service parameter: 0x0',
        'Vrf Name: ',
        'Control Packets: disabled',
        'Schedule:',
      ].join('\n'),
    );
    expect(text).toContain('Operation timeout (milliseconds): 1000');
    expect(text).not.toContain('Request size');
  });
});
