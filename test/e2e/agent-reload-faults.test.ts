/**
 * Red-team finding 5 (2026-12-06): `site: *nope` written into the running
 * agent's file, then SIGHUP, killed the agent (the YAML library throws for an
 * unresolved alias) with no restore. A reload that fails in any way is
 * refused whole, and the agent runs on with the configuration it had.
 */
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { freeTcpPort } from '../../lab/harness/free-port.js';
import { billionLaughs } from '../unit/config/minimal-config.js';
import { BIN } from '../support/run-cli.js';
import { labSpokeSuite } from '../support/lab-spoke-suite.js';
import { waitFor as pollUntil } from '../support/wait-for.js';

const lab = labSpokeSuite({ prefix: 'spokepilot-reload-', seed: 5 });

const waitFor = (what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 30_000) => pollUntil(what, probe, timeoutMs, 200);

const healthy = async (port: number) => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok === true;

/** Log lines with this event, parsed. */
const events = (output: string, event: string) =>
  output
    .split('\n')
    .filter((l) => l.includes(`"event":"${event}"`))
    .map((l) => JSON.parse(l) as { issues?: { path: string; code?: string }[] });

describe('SIGHUP with a broken configuration file (a real agent process)', () => {
  it('refuses an unresolved alias and an alias bomb, keeps running, and still reloads a good file', async () => {
    const port = await freeTcpPort();
    const config = labAgentConfig(lab.spoke.router.world, {
      sshPort: lab.spoke.ssh.port,
      hostKeySha256: lab.spoke.ssh.fingerprint,
      dbPath: join(lab.dir, 'a.db'),
    });
    config.http.listen = `127.0.0.1:${port}`;
    config.log.level = 'info';
    const file = join(lab.dir, 'agent.yaml');
    writeFileSync(file, stringify(config));
    const good = readFileSync(file, 'utf8');
    const child: ChildProcess = spawn(process.execPath, [BIN, 'run', '--config', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await waitFor('/healthz', () => healthy(port));

      writeFileSync(file, 'site: *nope\n');
      child.kill('SIGHUP');
      await waitFor('the alias typo to be refused', () => events(out, 'reload-refused').length === 1 || child.exitCode !== null);
      expect(child.exitCode).toBeNull();
      expect(events(out, 'reload-refused')[0]!.issues).toEqual([expect.objectContaining({ path: 'site', code: 'CONFIG_YAML_ALIAS' })]);

      writeFileSync(file, billionLaughs());
      child.kill('SIGHUP');
      await waitFor('the alias bomb to be refused', () => events(out, 'reload-refused').length === 2 || child.exitCode !== null);
      expect(child.exitCode).toBeNull();
      expect(events(out, 'reload-refused')[1]!.issues!.map((i) => i.code)).toEqual(['CONFIG_YAML_ALIAS']);
      expect(await healthy(port)).toBe(true);

      writeFileSync(file, good);
      child.kill('SIGHUP');
      await waitFor('the good file to be reloaded', () => out.includes('"event":"reloaded"') || child.exitCode !== null);
      expect(child.exitCode).toBeNull();
      expect(out).not.toContain('ReferenceError');
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    }
  }, 90_000);
});
