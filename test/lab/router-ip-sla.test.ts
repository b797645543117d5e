/**
 * IP SLA on the lab router, through its commands: jitter operations, when
 * results become visible, IOS's refusals, reactions and their syslog,
 * triggers, tracks on a jitter operation, and the running configuration.
 */
import { describe, expect, it } from 'vitest';
import { CliError } from '../../lab/cli/grammar.js';
import { THRESHOLD_OVER_TIMEOUT } from '../../lab/router/commands/ip-sla-common.js';
import { createLabRouter, type LabRouter } from '../../lab/router/index.js';
import { renderRunningConfig } from '../../lab/render/running-config.js';
import { ManualClock } from '../../lab/world/clock.js';
import { exec, labRouter, seconds } from './lab-helpers.js';

const HUB1 = '198.51.100.1';
const FIBRE = 'GigabitEthernet0/0';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof CliError) return err.lines.join('\n');
    throw err;
  }
  throw new Error('the line was accepted');
}

/** A udp-jitter operation 31 to hub 1 from the fibre, every 10 s, scheduled now. */
function withUdpJitter(extra = ''): { router: LabRouter; clock: ManualClock } {
  const made = labRouter();
  made.router.configure(
    [
      'ip sla 31',
      ` udp-jitter ${HUB1} 5000 source-ip 192.0.2.10 num-packets 20 interval 30`,
      ' threshold 250',
      ' timeout 1000',
      ' frequency 10',
      extra,
      'ip sla schedule 31 life forever start-time now',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  return made;
}

describe('jitter operations', () => {
  it('udp-jitter sends num-packets packets through the world and keeps the latest run', () => {
    const { router, clock } = withUdpJitter();
    seconds(clock, 2);
    const rt = router.model.rt.slas.get(31)!;
    expect(rt.code).toBe('ok');
    expect(rt.jitter).toMatchObject({ packets: 20, lossSd: 0, lossDs: 0, rtt: { count: 20 } });
    expect(rt.jitter!.jitterSd.count).toBe(19);
    const text = exec(router, 'show ip sla statistics 31');
    expect(text).toContain('Type of operation: udp-jitter');
    expect(text).toMatch(/\n {8}Number Of RTT: 20 {15}RTT Min\/Avg\/Max: \d+\/\d+\/\d+ milliseconds\n/);
    expect(text).toContain(`        Latest RTT: ${rt.rttMs} milliseconds`);
    expect(text).toMatch(/ {8}Loss Source to Destination: 0 {11}Loss Destination to Source: 0/);
    expect(exec(router, 'show ip sla summary')).toMatch(
      new RegExp(`\\*31 +udp-jitter +${HUB1.replace(/\./g, '\\.')} +RTT=${rt.rttMs} +OK`),
    );
  });

  it('icmp-jitter: loss on the path shows as loss and jitter as jitter', () => {
    const { router, clock } = labRouter();
    router.world.setPath(FIBRE, 'hub1', { lossPct: 30, jitterMs: 20 });
    router.configure(
      ['ip sla 32', ` icmp-jitter ${HUB1} num-packets 50`, ' frequency 10', 'ip sla schedule 32 life forever start-time now'].join('\n'),
    );
    // A lost packet's reply is awaited for the timeout (5000 ms by default) before the run is over.
    seconds(clock, 7);
    const j = router.model.rt.slas.get(32)!.jitter!;
    expect(j.lossSd + j.lossDs).toBeGreaterThan(5);
    expect(j.jitterSd.sum / j.jitterSd.count).toBeGreaterThan(3);
    const text = exec(router, 'show ip sla statistics 32');
    expect(text).toContain(`Packet Loss: ${j.lossSd + j.lossDs}`);
    expect(text).toContain('Over Threshold:');
  });

  it('show ip sla configuration prints the jitter parameters', () => {
    const { router } = withUdpJitter();
    const text = exec(router, 'show ip sla configuration 31');
    expect(text).toContain('Type of operation to perform: udp-jitter');
    expect(text).toContain(`Target address/Source address: ${HUB1}/192.0.2.10`);
    expect(text).toContain('Target port/Source port: 5000/0');
    expect(text).toContain('Packet Interval (milliseconds)/Number of packets: 30/20');
    expect(text).toContain('   Status of entry (SNMP RowStatus): Active');
  });
});

describe('tos: the class a probe is marked with (issue 19)', () => {
  it('is configured in the operation mode, shown in hex and kept in the running configuration', () => {
    const { router } = withUdpJitter(' tos 184');
    expect(exec(router, 'show ip sla configuration 31')).toContain('Type Of Service parameter: 0xB8');
    expect(renderRunningConfig(router.model)).toMatch(/ip sla 31\n udp-jitter [^\n]+\n tos 184\n threshold 250\n/);
    exec(router, 'no tos', 'config-ip-sla-jitter', '31');
    expect(exec(router, 'show ip sla configuration 31')).toContain('Type Of Service parameter: 0x0');
    expect(() => exec(router, 'tos 256', 'config-ip-sla-jitter', '31')).toThrow(/no command matches/);
  });

  it("a probe marked EF meets the priority queue's trouble; an unmarked one on the same path does not", () => {
    const { router, clock } = labRouter();
    // The fibre's EF queue is congested: 40 ms more delay and jitter and 10 % drops for DSCP 46 only.
    router.world.setPath(FIBRE, 'hub1', { byDscp: { 46: { latencyMs: 40, jitterMs: 40, lossPct: 10 } } });
    router.configure(
      [
        'ip sla 41',
        ` udp-jitter ${HUB1} 5000 source-ip 192.0.2.10 num-packets 100`,
        ' tos 184',
        ' timeout 1000',
        ' frequency 10',
        'ip sla schedule 41 life forever start-time now',
        'ip sla 42',
        ` udp-jitter ${HUB1} 5001 source-ip 192.0.2.10 num-packets 100`,
        ' timeout 1000',
        ' frequency 10',
        'ip sla schedule 42 life forever start-time now',
      ].join('\n'),
    );
    seconds(clock, 4);
    const voice = router.model.rt.slas.get(41)!.jitter!,
      bulk = router.model.rt.slas.get(42)!.jitter!;
    const avg = (j: typeof voice) => (j.jitterSd.sum + j.jitterDs.sum) / (j.jitterSd.count + j.jitterDs.count);
    expect(voice.lossSd + voice.lossDs).toBeGreaterThan(2);
    expect(bulk.lossSd + bulk.lossDs).toBe(0);
    // Each direction's jitter is half the round trip's (the lab splits an RTT evenly).
    expect(avg(voice)).toBeGreaterThan(15);
    expect(avg(bulk)).toBeLessThan(5);
    expect(router.world.classTruth(FIBRE, HUB1, 46)).toMatchObject({ latencyMs: 52, jitterMs: 4 / 3 + 40, lossPct: 10 });
  });
});

describe('a result is visible when the reply or the timeout comes, not when the probe is sent', () => {
  it('a lost echo is a Timeout only `timeout` ms after the run started', () => {
    const { router, clock } = labRouter();
    router.configure(
      [
        'ip sla 40',
        ` icmp-echo ${HUB1} source-interface ${FIBRE}`,
        ' timeout 3000',
        ' frequency 60',
        'ip sla schedule 40 life forever start-time now',
      ].join('\n'),
    );
    seconds(clock, 2);
    expect(router.model.rt.slas.get(40)).toMatchObject({ code: 'ok', successes: 1 });
    router.world.setPath(FIBRE, 'hub1', { lossPct: 100 });
    const started = router.model.rt.slas.get(40)!.nextRunAt;
    clock.advance(started - clock.now());
    seconds(clock, 2);
    expect(router.model.rt.slas.get(40)).toMatchObject({ code: 'ok', failures: 0 });
    seconds(clock, 1);
    expect(router.model.rt.slas.get(40)).toMatchObject({ code: 'timeout', failures: 1, lastStartAt: started });
  });
});

describe("IOS's refusals", () => {
  it('a schedule with the threshold above the timeout; a timeout below the threshold lowers it', () => {
    const { router } = labRouter();
    exec(router, 'ip sla 41', 'config');
    exec(router, `udp-jitter ${HUB1} 5000`, 'config-ip-sla', '41');
    exec(router, 'threshold 6000', 'config-ip-sla-jitter', '41');
    expect(refusal(() => exec(router, 'ip sla schedule 41 life forever start-time now', 'config'))).toBe(THRESHOLD_OVER_TIMEOUT);
    expect(router.model.config.scheduled.has(41)).toBe(false);
    exec(router, 'timeout 1000', 'config-ip-sla-jitter', '41');
    expect(router.model.config.slas.get(41)).toMatchObject({ thresholdMs: 1000, timeoutMs: 1000 });
    exec(router, 'ip sla schedule 41 life forever start-time now', 'config');
  });

  it('out-of-range numbers do not match (the terminal prints the caret)', () => {
    const { router } = labRouter();
    exec(router, 'ip sla 42', 'config');
    expect(() => exec(router, `icmp-jitter ${HUB1} num-packets 0`, 'config-ip-sla', '42')).toThrow(/no command matches/);
    expect(() => exec(router, `udp-jitter ${HUB1} 70000`, 'config-ip-sla', '42')).toThrow(/no command matches/);
    expect(() => exec(router, 'ip sla reaction-configuration 42 react rtt threshold-type consecutive 17', 'config')).toThrow(
      /no command matches/,
    );
  });

  it('an operation type cannot change, a scheduled entry cannot be modified', () => {
    const { router } = withUdpJitter();
    expect(refusal(() => exec(router, 'ip sla 31', 'config'))).toMatch(/^%Entry already running and cannot be modified/);
    exec(router, 'ip sla 43', 'config');
    exec(router, `icmp-jitter ${HUB1}`, 'config-ip-sla', '43');
    expect(refusal(() => exec(router, `icmp-echo ${HUB1}`, 'config-ip-sla', '43'))).toMatch(/Cannot change the type/);
  });
});

describe('reactions', () => {
  const lossOn = (router: LabRouter, pct: number) => router.world.setPath(FIBRE, 'hub1', { lossPct: pct });

  it('timeout immediate trapOnly logs %RTT-3-IPSLATHRESHOLD Occurred, then Cleared, with ip sla logging traps', () => {
    const { router, clock } = withUdpJitter(
      'ip sla reaction-configuration 31 react timeout threshold-type immediate action-type trapOnly\nip sla logging traps',
    );
    seconds(clock, 3);
    lossOn(router, 100);
    seconds(clock, 12);
    expect(router.model.log.lines.join('\n')).toMatch(/%RTT-3-IPSLATHRESHOLD: IP SLAs\(31\): Threshold Occurred for timeout$/m);
    lossOn(router, 0);
    seconds(clock, 12);
    expect(router.model.log.lines.join('\n')).toMatch(/%RTT-3-IPSLATHRESHOLD: IP SLAs\(31\): Threshold Cleared for timeout$/m);
  });

  it('without ip sla logging traps the reaction happens but nothing is logged', () => {
    const { router, clock } = withUdpJitter(
      'ip sla reaction-configuration 31 react packetLossSD threshold-value 2 1 threshold-type immediate action-type trapOnly',
    );
    const events: string[] = [];
    router.subscribe((e) => {
      if (e.kind === 'ip-sla-threshold') events.push(`${e.element} ${e.state} ${e.logged}`);
    });
    seconds(clock, 2);
    lossOn(router, 100);
    seconds(clock, 12);
    expect(events).toEqual(['packetLossSD occurred false']);
    expect(router.model.log.lines.join('\n')).not.toContain('IPSLATHRESHOLD');
  });

  it('triggerOnly starts an operation held pending-trigger (ip sla reaction-trigger)', () => {
    const { router, clock } = withUdpJitter(
      [
        'ip sla 33',
        ` icmp-echo ${HUB1} source-interface ${FIBRE}`,
        ' frequency 5',
        'ip sla schedule 33 life 60 start-time pending',
        'ip sla reaction-configuration 31 react jitterAvg threshold-value 30 10 threshold-type consecutive 1 action-type triggerOnly',
        'ip sla reaction-trigger 31 33',
      ].join('\n'),
    );
    seconds(clock, 12);
    expect(router.model.rt.slas.get(33)?.lastStartAt).toBeUndefined();
    expect(exec(router, 'show ip sla summary')).toMatch(/~33 +icmp-echo/);
    router.world.setPath(FIBRE, 'hub1', { jitterMs: 200 });
    seconds(clock, 12);
    expect(router.model.rt.slas.get(33)?.successes).toBeGreaterThan(0);
    expect(exec(router, 'show ip sla summary')).toMatch(/\*33 +icmp-echo/);
    // Its life of 60 s ends: pending again.
    router.world.setPath(FIBRE, 'hub1', { jitterMs: 0 });
    seconds(clock, 70);
    expect(exec(router, 'show ip sla summary')).toMatch(/~33 +icmp-echo/);
  });

  it('show ip sla reaction-configuration lists each reaction with its thresholds', () => {
    const { router } = withUdpJitter(
      'ip sla reaction-configuration 31 react rtt threshold-value 300 200 threshold-type xofy 3 5 action-type trapAndTrigger',
    );
    expect(exec(router, 'show ip sla reaction-configuration 31').split('\n')).toEqual([
      'Entry number: 31',
      'Index: 1',
      'Reaction: rtt',
      'Threshold Type: xOfy',
      'Rising (milliseconds): 300',
      'Falling (milliseconds): 200',
      'Threshold Count: 3',
      'Threshold Count2: 5',
      'Action Type: Trap and Trigger',
    ]);
    expect(exec(router, 'show ip sla reaction-configuration 11')).toBe('Entry number: 11\nReaction Configuration not configured');
    exec(router, 'no ip sla reaction-configuration 31 react rtt', 'config');
    expect(router.model.config.ipSla.reactions.has(31)).toBe(false);
  });
});

describe('a track on a jitter operation follows its return code', () => {
  it('state goes down on Over threshold (average RTT above threshold); reachability only on Timeout', () => {
    const { router, clock } = withUdpJitter('track 61 ip sla 31 state\ntrack 62 ip sla 31 reachability');
    seconds(clock, 3);
    expect([router.state().tracks[61], router.state().tracks[62]]).toEqual(['up', 'up']);
    router.world.setPath(FIBRE, 'hub1', { latencyMs: 400, jitterMs: 0 });
    seconds(clock, 11);
    expect(router.model.rt.slas.get(31)?.code).toBe('over-threshold');
    expect([router.state().tracks[61], router.state().tracks[62]]).toEqual(['down', 'up']);
    router.world.setPath(FIBRE, 'hub1', { lossPct: 100 });
    seconds(clock, 11);
    expect([router.state().tracks[61], router.state().tracks[62]]).toEqual(['down', 'down']);
  });
});

describe('show running-config', () => {
  it('prints the jitter operations, reactions, triggers and logging traps so that they load back', () => {
    const { router } = withUdpJitter(
      [
        'ip sla reaction-configuration 31 react jitterAvg threshold-value 40 20 threshold-type average 3 action-type trapOnly',
        'ip sla reaction-configuration 31 react timeout threshold-type consecutive 2 action-type trapAndTrigger',
        'ip sla 34',
        ` icmp-jitter ${HUB1} interval 40 source-ip 192.0.2.10`,
        ' threshold 6000',
        ' timeout 7000',
        'ip sla schedule 34 life forever start-time pending',
        'ip sla reaction-trigger 31 34',
        'ip sla logging traps',
      ].join('\n'),
    );
    const text = exec(router, 'show running-config');
    expect(text).toContain(
      `ip sla 31\n udp-jitter ${HUB1} 5000 source-ip 192.0.2.10 num-packets 20 interval 30\n threshold 250\n timeout 1000\n frequency 10\nip sla schedule 31 life forever start-time now\n`,
    );
    expect(text).toContain(
      `ip sla 34\n icmp-jitter ${HUB1} interval 40 source-ip 192.0.2.10\n threshold 6000\n timeout 7000\nip sla schedule 34 life forever start-time pending\n`,
    );
    expect(text).toContain(
      [
        'ip sla reaction-configuration 31 react jitterAvg threshold-value 40 20 threshold-type average 3 action-type trapOnly',
        'ip sla reaction-configuration 31 react timeout threshold-type consecutive 2 action-type trapAndTrigger',
        'ip sla reaction-trigger 31 34',
        'ip sla logging traps',
      ].join('\n'),
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
