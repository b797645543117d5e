import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

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
    writeFileSync(file, readFileSync(EXAMPLE, 'utf8').replace('address: 203.0.113.2', 'address: 203.0.113.300').replace('client: FLEX', 'client: "FLEX\\nend"'));
    const r = await runCli(['config', 'check', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/flexvpn\.peers\[1\]\.address/);
    expect(r.stderr).toMatch(/flexvpn\.client/);
  });

  it('exits 2 on a usage error', async () => {
    expect((await runCli(['config', 'lint', EXAMPLE])).code).toBe(2);
  });
});
