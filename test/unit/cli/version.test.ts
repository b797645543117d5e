import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AGENT_VERSION } from '../../../agent/version.js';
import { runCli } from '../../support/run-cli.js';

describe('spokepilot --version', () => {
  it('prints the version package.json declares (the one the birth and /status carry)', async () => {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { version: string };
    expect(AGENT_VERSION).toBe(pkg.version);
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`spokepilot ${pkg.version}`);
  }, 30_000);
});
