import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';
import { billionLaughs } from '../unit/config/minimal-config.js';

const EXAMPLE = fileURLToPath(new URL('../../config/examples/ir829-dual-wan.yaml', import.meta.url));

describe('spokepilot config check (real bin)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('prints the effective configuration with inline secrets redacted and overrides applied', async () => {
    const file = join(tmp.dir, 'inline.yaml');
    writeFileSync(file, readFileSync(EXAMPLE, 'utf8').replace(/password: \{ env: SPOKEPILOT_ROUTER_PASSWORD \}/, 'password: hunter2'));
    const r = await runCli(['config', 'check', file, '--print'], { env: { SPOKEPILOT_SITE: 'branch-777' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('password: "[redacted]"');
    expect(r.stdout).not.toContain('hunter2');
    expect(r.stdout).toMatch(/^site: branch-777$/m);
  });

  it('names every problem with its path and exits 1', async () => {
    const file = join(tmp.dir, 'bad.yaml');
    writeFileSync(
      file,
      readFileSync(EXAMPLE, 'utf8')
        .replace('address: 203.0.113.2', 'address: 203.0.113.300')
        .replace('client: FLEX', 'client: "FLEX\\nend"'),
    );
    const r = await runCli(['config', 'check', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/flexvpn\.peers\[1\]\.address/);
    expect(r.stderr).toMatch(/flexvpn\.client/);
  });

  // Red-team findings 5, 8, 15 (2026-12-06): each printed a stack trace, or a secret, or took 38 s and 2.9 GB.
  it.each([
    ['an unresolved alias', 'alias.yaml', () => 'site: *nope\n', /^ {2}site: YAML line 1 column 7/m],
    ['an alias bomb', 'laughs.yaml', billionLaughs, /^ {2}\(document\): YAML: .*alias/im],
    ['a file over 64 KiB', 'big.yaml', () => '', /^ {2}\(document\): config file .* is 67108864 bytes, over the limit of 65536 bytes/m],
  ])('reports %s as a problem, not a stack trace, and exits 1', async (_what, name, text, issue) => {
    const file = join(tmp.dir, name);
    writeFileSync(file, text());
    if (name === 'big.yaml') truncateSync(file, 64 * 2 ** 20);
    const r = await runCli(['config', 'check', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(issue);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toContain('Error:');
  });

  it('reads the secrets as the agent would at start: a key that is no key is a problem; what only the spoke can tell, a note', async () => {
    const good = await runCli(['fleet', 'keygen', '--out', join(tmp.dir, 'ops')]);
    expect(good.code).toBe(0);
    const garbage = join(tmp.dir, 'garbage.pub');
    writeFileSync(garbage, 'ssh-ed25519 AAAA this is not how the agent reads a key\n');
    const withKeys = (keys: string[]) =>
      `${readFileSync(EXAMPLE, 'utf8')}\nmqtt:\n  url: mqtt://127.0.0.1:1883\n  commandKeys:\n${keys.map((k) => `    - ${k}\n`).join('')}`;
    const file = join(tmp.dir, 'keys.yaml');
    writeFileSync(file, withKeys([`{ id: ops, publicKey: { file: ${join(tmp.dir, 'ops.pub')} } }`]));
    const ok = await runCli(['config', 'check', file], { env: { SPOKEPILOT_ROUTER_PASSWORD: 'x' } });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);

    writeFileSync(
      file,
      withKeys([
        `{ id: bad-file, publicKey: { file: ${garbage} } }`,
        '{ id: typo, publicKey: "bm90IGEga2V5" }',
        `{ id: elsewhere, publicKey: { file: ${join(tmp.dir, 'on-the-spoke.pub')} } }`,
        `{ id: a-directory, publicKey: { file: ${tmp.dir} } }`,
      ]),
    );
    const bad = await runCli(['config', 'check', file], { env: { SPOKEPILOT_ROUTER_PASSWORD: '' } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/: 3 problems$/m);
    expect(bad.stderr).toMatch(/^ {2}mqtt\.commandKeys\[0\]\.publicKey: key "bad-file" is not an Ed25519 public key/m);
    expect(bad.stderr).toMatch(/^ {2}mqtt\.commandKeys\[1\]\.publicKey: key "typo" is not an Ed25519 public key/m);
    expect(bad.stderr).toMatch(
      /^ {2}mqtt\.commandKeys\[3\]\.publicKey: cannot read secret file .*: not a regular file: the agent would not start$/m,
    );
    expect(bad.stderr).toMatch(/^ {2}note: mqtt\.commandKeys\[2\]\.publicKey: secret file .*on-the-spoke\.pub is not on this machine/m);
    expect(bad.stderr).toMatch(
      /^ {2}note: router\.ssh\.password: environment variable SPOKEPILOT_ROUTER_PASSWORD is not set in this shell/m,
    );
    expect(bad.stderr).not.toContain('this is not how'); // a secret's content is never printed

    // The example as it ships: valid, with the password's variable named as a note.
    const example = await runCli(['config', 'check', EXAMPLE], { env: { SPOKEPILOT_ROUTER_PASSWORD: '' } });
    expect(example.code).toBe(0);
    expect(example.stdout).toMatch(/valid\..*\n {2}note: router\.ssh\.password: environment variable SPOKEPILOT_ROUTER_PASSWORD/);
  });

  it('refuses credentials in mqtt.url without printing them', async () => {
    const file = join(tmp.dir, 'mqtt-userinfo.yaml');
    writeFileSync(file, `${readFileSync(EXAMPLE, 'utf8')}\nmqtt:\n  url: mqtt://spoke:UrlSecret-999@127.0.0.1:1883\n`);
    const r = await runCli(['config', 'check', file, '--print']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ {2}mqtt\.url: .*mqtt\.username.*mqtt\.password/m);
    expect(r.stdout + r.stderr).not.toContain('UrlSecret');
  });

  it('--print redacts credentials in any URL, not only under secret keys', async () => {
    const file = join(tmp.dir, 'exec-url.yaml');
    const doc = readFileSync(EXAMPLE, 'utf8').replace(
      /^router:\n/m,
      'router:\n  exec: { command: [relay, "https://ops:UrlSecret-999@jump.example.net/ios"] }\n',
    );
    writeFileSync(file, doc);
    const r = await runCli(['config', 'check', file, '--print']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('https://[redacted]@jump.example.net/ios');
    expect(r.stdout).not.toContain('UrlSecret');
  });

  it('exits 2 on a usage error; --help anywhere prints the usage, not "cannot read --help"', async () => {
    expect((await runCli(['config', 'lint', EXAMPLE])).code).toBe(2);
    const help = await runCli(['config', 'check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: spokepilot config check FILE');
  });
});
