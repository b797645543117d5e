import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../../support/run-cli.js';
import { tempDir } from '../../support/temp-dir.js';
import { startAedes, type AedesBroker } from './aedes-harness.js';
import { agentStack } from './agent-stack.js';
import { Observer } from './observer.js';
import { FAST_BACKOFF, SAMPLE_STATE } from './scenarios.js';
import { recordingTarget } from '../../unit/commands/command-kit.js';
import { parsePublicKey } from '../../../proto/command-signing.js';
import { readFileSync } from 'node:fs';
import { freeTcpPort } from '../../../lab/harness/free-port.js';

describe('spokepilot fleet (real bin, aedes)', () => {
  let broker: AedesBroker;
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    broker = await startAedes();
    tmp = tempDir();
  });
  afterAll(async () => {
    await broker.stop();
    tmp.cleanup();
  });

  it('--once --json prints a snapshot with status, active path, health and last event', async () => {
    const stack = agentStack({
      dir: join(tmp.dir, 'a'),
      at: { site: 'lyon', node: 'r1' },
      broker: { url: broker.url, backoff: FAST_BACKOFF },
    });
    const watch = await Observer.connect(broker.url, stack.topics.event);
    try {
      await stack.start();
      await stack.reporter.state(SAMPLE_STATE);
      await stack.reporter.events([
        {
          kind: 'path-change',
          from: { peer: '192.0.2.1', source: 'Cellular0/1/0' },
          to: { peer: '192.0.2.1', source: 'GigabitEthernet0/0' },
        },
      ]);
      await watch.waitFor(() => true, 'the event to be out');
      const run = await runCli(['fleet', '--broker', broker.url, '--json', '--once']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const snap = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
      // Events are not retained: a fresh viewer sees status and state; the event only if live.
      expect(snap.nodes).toEqual([
        expect.objectContaining({
          site: 'lyon',
          node: 'r1',
          status: 'online',
          activePeer: '192.0.2.1',
          activeSource: 'GigabitEthernet0/0',
        }),
      ]);
      expect(snap.nodes[0].health).toHaveLength(2);
    } finally {
      await stack.stop();
      await watch.close();
    }
  });

  it('keygen, then send signs a command, publishes it and prints the reply', async () => {
    const keyBase = join(tmp.dir, 'ops-1');
    expect((await runCli(['fleet', 'keygen', '--out', keyBase])).code).toBe(0);
    const keys = new Map([['ops-1', parsePublicKey(readFileSync(`${keyBase}.pub`, 'utf8'))]]);
    const stack = agentStack({
      dir: join(tmp.dir, 'b'),
      at: { site: 'lyon', node: 'r2' },
      broker: { url: broker.url, backoff: FAST_BACKOFF },
      keys,
      target: recordingTarget(),
    });
    try {
      await stack.start();
      const base = ['--key', `${keyBase}.key`, '--key-id', 'ops-1', '--site', 'lyon', '--node', 'r2'];
      const run = await runCli([
        'fleet',
        'send',
        '--broker',
        broker.url,
        ...base,
        '--cmd',
        'run-show',
        '--args',
        '{"command":"show version"}',
        '--timeout',
        '10',
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, cmd: 'run-show', result: { command: 'show version' } });
      const refused = await runCli([
        'fleet',
        'send',
        '--broker',
        broker.url,
        ...base,
        '--cmd',
        'run-show',
        '--args',
        '{"command":"reload"}',
        '--timeout',
        '10',
      ]);
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
      const signed = await runCli(['fleet', 'sign', ...base, '--cmd', 'get-state']);
      expect(JSON.parse(signed.stdout)).toMatchObject({ cmd: 'get-state', keyId: 'ops-1', site: 'lyon', node: 'r2' });
    } finally {
      await stack.stop();
    }
    // No reply: the broker took it; the spoke's own retained status says why, not a guess.
    const base = ['--key', `${keyBase}.key`, '--key-id', 'ops-1', '--cmd', 'get-state', '--timeout', '2'];
    const gone = await runCli(['fleet', 'send', '--broker', broker.url, ...base, '--site', 'lyon', '--node', 'r2']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/no reply to \S+ within 2 s: the broker took the command, but lyon\/r2 is offline since .+ \(shutdown\)/);
    const unknown = await runCli(['fleet', 'send', '--broker', broker.url, ...base, '--site', 'lyon', '--node', 'r404']);
    expect(unknown.stderr).toMatch(
      /the broker took the command, but it holds no status for lyon\/r404: never connected, or a misspelt --site\/--node/,
    );
  }, 90_000);

  it('names an unreachable broker instead of hanging or blaming the spoke, and never signs what agents refuse', async () => {
    const keyBase = join(tmp.dir, 'ops-2');
    expect((await runCli(['fleet', 'keygen', '--out', keyBase])).code).toBe(0);
    const dead = `mqtt://u:SecretInUrl@127.0.0.1:${await freeTcpPort()}`; // nothing listens there
    const view = await runCli(['fleet', '--broker', dead, '--once', '--timeout', '2']);
    expect(view.code).toBe(1);
    expect(view.stderr).toMatch(/cannot reach the broker at mqtt:\/\/\[redacted\]@127\.0\.0\.1:\d+ within 2 s/);
    const base = ['--key', `${keyBase}.key`, '--key-id', 'ops-2', '--site', 'lyon', '--node', 'r9', '--cmd', 'get-state'];
    const send = await runCli(['fleet', 'send', '--broker', dead, ...base, '--timeout', '2']);
    expect(send.code).toBe(1);
    expect(send.stderr).toMatch(/cannot reach the broker .* the command was not sent/);
    expect(send.stderr).not.toContain('SecretInUrl');
    // A longer wait for the reply does not stretch the connect deadline: named after 10 s, and the process ends then
    // (the reply's 60 s timer kept it alive to the end before).
    const startedMs = Date.now();
    const patient = await runCli(['fleet', 'send', '--broker', dead, ...base, '--timeout', '60']);
    expect(patient.code).toBe(1);
    expect(patient.stderr).toMatch(/cannot reach the broker .* within 10 s .*the command was not sent/);
    expect(Date.now() - startedMs).toBeLessThan(40_000);
    const longLived = await runCli(['fleet', 'sign', ...base, '--ttl', '900']);
    expect(longLived.code).toBe(2);
    expect(longLived.stderr).toContain('agents accept commands living at most 600 s');
  }, 60_000);
});
