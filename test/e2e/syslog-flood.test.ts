/**
 * Spoofed syslog must not drive the router (red-team finding 7: 73 full-table
 * reads in 20 s). The running agent in this process against the lab over SSH,
 * with its syslog listener; a sender floods 50 %BGP-5-ADJCHANGE and 50
 * %TRACK-6-STATE lines a second from the router's own address (UDP source
 * addresses are spoofable, so the allow-list alone does not stop this); the
 * routes read at most once per syslog.minRoutesReadIntervalSec.
 */
import { describe, expect, it } from 'vitest';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { startAgent } from '../../agent/compose/start-agent.js';
import { SshRouterCli } from '../../agent/adapters/router/ssh-router-cli.js';
import type { RouterCli } from '../../agent/ports/router-cli.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { agentClockFrom } from '../../lab/harness/clock-bridge.js';
import { freeUdpPort } from '../../lab/harness/free-port.js';
import { labSpokeSuite } from '../support/lab-spoke-suite.js';

const lab = labSpokeSuite({ prefix: 'spokepilot-syslog-', seed: 3 });

/** The agent's router, counting each show command it sends. */
function countingRouter(inner: RouterCli, counts: Map<string, number>): RouterCli {
  return {
    show: (c) => {
      counts.set(c, (counts.get(c) ?? 0) + 1);
      return inner.show(c);
    },
    configure: (l) => inner.configure(l),
    exec: (c) => inner.exec(c),
    close: () => inner.close(),
  };
}

describe('a syslog flood from the router address', () => {
  it('costs at most one routes read per minimum interval, and one read of a family per its interval', async () => {
    const syslogPort = await freeUdpPort();
    const config = labAgentConfig(lab.spoke.router.world, {
      sshPort: lab.spoke.ssh.port,
      hostKeySha256: lab.spoke.ssh.fingerprint,
      dbPath: join(lab.dir, 'a.db'),
      syslogPort,
    });
    const counts = new Map<string, number>();
    const ssh = new SshRouterCli({
      host: '127.0.0.1',
      port: lab.spoke.ssh.port,
      username: 'agent',
      password: 'agent',
      hostKeySha256: lab.spoke.ssh.fingerprint,
      acceptAnyHostKey: false,
      connectTimeoutMs: 5000,
      commandTimeoutMs: 10_000,
    });
    const agent = await startAgent(config, { log: silentLogger, clock: agentClockFrom(lab.clock), router: countingRouter(ssh, counts) });
    const before = new Map(counts);
    const sender = createSocket('udp4');
    await new Promise<void>((r) => sender.bind(0, '127.0.0.1', () => r()));
    const lines = [
      '<189>7: *Mar  3 09:00:01.123: %BGP-5-ADJCHANGE: neighbor 10.0.0.254 Down BGP Notification sent',
      '<190>8: *Mar  3 09:00:01.123: %TRACK-6-STATE: 1 ip sla 1 reachability Up -> Down',
    ];
    const floodMs = 10_000;
    const start = Date.now();
    while (Date.now() - start < floodMs) {
      for (let i = 0; i < 5; i++) for (const l of lines) sender.send(l, syslogPort, '127.0.0.1');
      await new Promise((r) => setTimeout(r, 100)); // 50 of each a second
    }
    sender.close();
    const during = (c: string) => (counts.get(c) ?? 0) - (before.get(c) ?? 0);
    await agent.stop('test over', 5000);
    // 10 s of flood: routes at most once (30 s minimum), SLA and FlexVPN at most every 2 s plus their own polls.
    expect(during('show ip route')).toBeLessThanOrEqual(1);
    expect(during('show crypto ikev2 client flexvpn')).toBeLessThanOrEqual(
      floodMs / 2000 + floodMs / (config.polling.flexvpnSec * 1000) + 2,
    );
    expect(agent.syslog!.dropped.rate).toBeGreaterThan(0); // 100 a second against a limit of 50
  }, 60_000);
});
