/**
 * `spokepilot lab` as an engineer meets it, over real SSH to the real bin:
 * the banner, the agent configuration it prints (accepted by `config check
 * --router` against it), `?`, Tab, `| section`, `ping`, `show clock`,
 * `show ip route ADDR`, ambiguity, and `terminal monitor` showing another
 * session's configuration change as it happens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freeTcpPort, freeUdpPort } from '../../lab/harness/free-port.js';
import { execCommand, Shell } from '../lab/terminal-ssh-client.js';
import { BIN, runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';

const LOGIN = { username: 'admin', password: 'admin' };
const PROMPT = 'spoke1#';

let tmp: ReturnType<typeof tempDir>;
let lab: ChildProcess;
let banner = '';
let port = 0;
let args: string[] = [];

beforeAll(async () => {
  tmp = tempDir('lab-engineer-');
  port = await freeTcpPort();
  args = ['--ssh-port', String(port), '--host-key', join(tmp.dir, 'host_key'), '--syslog', `127.0.0.1:${await freeUdpPort()}`];
  lab = spawn(process.execPath, [BIN, 'lab', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  lab.stdout!.on('data', (d: Buffer) => (banner += d.toString()));
  await waitFor('the lab banner', () => banner.includes('  agent '), 30_000);
}, 40_000);

afterAll(async () => {
  if (lab.exitCode === null) {
    const exited = new Promise((resolve) => lab.once('exit', resolve));
    lab.kill('SIGTERM');
    await exited;
  }
  tmp.cleanup();
});

describe('spokepilot lab for an engineer (real bin, real SSH)', () => {
  it('says what it simulates, and prints an agent configuration that the preflight accepts against it', async () => {
    expect(banner).toContain(`ssh admin@127.0.0.1 -p ${port}`);
    expect(banner).toMatch(/client {3}crypto ikev2 client flexvpn SPOKE/);
    expect(banner).toMatch(/tracks {3}ip sla 1 2 11 12 21 22; stub 101 102 111 112; list 201 202/);
    expect(banner).toMatch(/syslog {3}to 127\.0\.0\.1 udp\/\d+/);

    const printed = await runCli(['lab', '--print-agent-config', ...args]);
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    const file = join(tmp.dir, 'lab-agent.yaml');
    writeFileSync(file, printed.stdout);
    const check = await runCli(['config', 'check', file, '--router']);
    expect(check.stderr).toBe('');
    expect(check.stdout).toContain('router: matches the configuration');
    expect(check.code).toBe(0);

    // A port picked at start cannot be printed beforehand.
    const anyPort = await runCli(['lab', '--print-agent-config', '--ssh-port', '0', '--host-key', join(tmp.dir, 'host_key')]);
    expect(anyPort.code).toBe(2);
    expect(anyPort.stderr).toContain('needs a fixed --ssh-port');
  }, 60_000);

  it('answers ?, Tab, pipes, ping, show clock and ambiguity on an interactive shell', async () => {
    const shell = await Shell.open(port, LOGIN);
    try {
      expect(await shell.keys('sh\t', 'ow ')).toBe('show '); // the echoed 'sh', then Tab's 'ow '
      expect(await shell.keys('ip ro?', `${PROMPT}show ip ro`)).toBe(`ip ro?\r\nroute  \r\n\r\n${PROMPT}show ip ro`);
      const help = await shell.keys('ute ?', `${PROMPT}show ip route `);
      expect(help).toContain('\r\n  A.B.C.D    IP address\r\n');
      expect(help).toContain('\r\n  static     Static routes\r\n');
      expect(help).toContain('\r\n  |          Output modifiers\r\n  <cr>\r\n\r\n');
      expect(await shell.run('10.0.0.1', PROMPT)).toBe(
        'Routing entry for 10.0.0.0/8\r\n  Known via "static", distance 1, metric 0 (connected)\r\n  Routing Descriptor Blocks:\r\n  * directly connected, via Tunnel100\r\n      Route metric is 0, traffic share count is 1\r\n',
      );
      expect(await shell.run('show running-config | section flexvpn', PROMPT)).toBe(
        'crypto ikev2 client flexvpn SPOKE\r\n  peer 1 198.51.100.1 track 101\r\n  peer 2 203.0.113.1 track 102\r\n  source 1 GigabitEthernet0/0 track 201\r\n  source 2 Cellular0/1/0 track 202\r\n  client connect Tunnel100\r\n',
      );
      expect(await shell.run('ping 198.51.100.1', PROMPT)).toMatch(
        /^Type escape sequence to abort\.\r\nSending 5, 100-byte ICMP Echos to 198\.51\.100\.1, timeout is 2 seconds:\r\n!!!!!\r\nSuccess rate is 100 percent \(5\/5\), round-trip min\/avg\/max = \d+\/\d+\/\d+ ms\r\n$/,
      );
      expect(await shell.run('show clock', PROMPT)).toMatch(
        /^\*\d\d:\d\d:\d\d\.\d{3} UTC (Sun|Mon|Tue|Wed|Thu|Fri|Sat) [A-Z][a-z]{2} \d{1,2} \d{4}\r\n$/,
      );
      expect(await shell.run('sh i', PROMPT)).toBe('% Ambiguous command:  "sh i"\r\n');
      expect(await shell.run('wr', PROMPT)).toBe('Building configuration...\r\n[OK]\r\n');
    } finally {
      await shell.close();
    }
  }, 30_000);

  it("terminal monitor shows another session's configuration change as it is logged, until terminal no monitor", async () => {
    const watcher = await Shell.open(port, LOGIN);
    const other = await Shell.open(port, LOGIN);
    try {
      await watcher.run('terminal monitor', PROMPT);
      const from = watcher.output.length;
      await other.run('configure terminal', 'spoke1(config)#');
      await other.run('end', PROMPT);
      const seen = await watcher.waitFor((out) => out.includes('%SYS-5-CONFIG_I'), from);
      expect(seen).toMatch(
        /^\r\n\d{6}: [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d\.\d{3} UTC: %SYS-5-CONFIG_I: Configured from console by admin on vty0\r\n$/,
      );
      await watcher.run('terminal no monitor', PROMPT);
      const after = watcher.output.length;
      await other.run('configure terminal', 'spoke1(config)#');
      await other.run('end', PROMPT);
      // The other session's next line proves the change was logged; nothing reached the watcher.
      await other.run('show clock', PROMPT);
      expect(watcher.output.slice(after)).toBe('');
    } finally {
      await Promise.all([watcher.close(), other.close()]);
    }
  }, 30_000);

  it('keeps the exec channel as the agent uses it: one command, its output, no prompt', async () => {
    expect(await execCommand(port, LOGIN, 'show ip route 10.0.0.1')).toMatch(/^Routing entry for 10\.0\.0\.0\/8\r\n/);
    expect(await execCommand(port, LOGIN, 'show running-config | include ^hostname')).toBe('hostname spoke1\r\n');
  }, 30_000);
});
