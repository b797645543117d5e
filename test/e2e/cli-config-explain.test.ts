import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

describe('spokepilot config check --explain (real bin)', () => {
  it("prints a key's description, type and range, default and reload", async () => {
    const r = await runCli(['config', 'check', '--explain', 'policy.preemptDelaySec']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'policy.preemptDelaySec',
      expect.stringMatching(/^ {2}Seconds a better candidate must stay good/),
      '  type:     integer (0 to 86400)',
      '  default:  300',
      '  reload:   applied at once by a reload (SIGHUP or set-policy)',
      '',
    ]);
  });

  it('reads a list item key written either way, and --explain=KEY', async () => {
    const runs = await Promise.all([
      runCli(['config', 'check', '--explain', 'candidates[].slaOperations']),
      runCli(['config', 'check', '--explain', 'candidates.slaOperations']),
      runCli(['config', 'check', '--explain=candidates[0].slaOperations']),
    ]);
    for (const r of runs) {
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(runs[0]!.stdout);
    }
    expect(runs[0]!.stdout).toMatch(/^candidates\[\]\.slaOperations\n/);
    expect(runs[0]!.stdout).toContain('  default:  none (required)');
    expect(runs[0]!.stdout).toMatch(/reload: {3}needs a restart/);
  });

  it('says which keys inside a restart section a reload still applies, and lists enum values', async () => {
    const budget = await runCli(['config', 'check', '--explain', 'flexvpn.sources[].metered.whenSpent']);
    expect(budget.code).toBe(0);
    expect(budget.stdout).toContain('  type:     one of: hard-failure-only, ignore');
    expect(budget.stdout).toContain('  default:  hard-failure-only');
    expect(budget.stdout).toContain('applied at once by a reload (SIGHUP) when nothing else of flexvpn that needs a restart changed');
  });

  it('names an unknown key with the nearest ones and exits 2', async () => {
    const r = await runCli(['config', 'check', '--explain', 'policy.preemptDelay']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unknown configuration key "policy.preemptDelay"; nearest: policy.preemptDelaySec');
    // The right name under no parent is near too.
    const bare = await runCli(['config', 'check', '--explain', 'preemptDelaySec']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/nearest: policy\.preemptDelaySec/);
  });

  it('lists the top-level keys without KEY', async () => {
    const r = await runCli(['config', 'check', '--explain']);
    expect(r.code).toBe(0);
    const keys = r.stdout
      .split('\n')
      .slice(1)
      .filter((l) => l !== '')
      .map((l) => l.trim().split(/\s+/)[0]);
    expect(keys).toEqual([
      'site',
      'node',
      'topology',
      'dualCloud',
      'router',
      'syslog',
      'flexvpn',
      'candidates',
      'policy',
      'actuation',
      'polling',
      'store',
      'routes',
      'mqtt',
      'presence',
      'http',
      'log',
    ]);
  });

  it('is a usage error with a FILE and KEY, or with --print; --help tells of it', async () => {
    expect((await runCli(['config', 'check', '--explain', 'site', 'extra'])).code).toBe(2);
    expect((await runCli(['config', 'check', '--explain', 'site', '--print'])).code).toBe(2);
    expect((await runCli(['config', 'ios', '--explain', 'site'])).code).toBe(2);
    const help = await runCli(['config', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('spokepilot config check --explain [KEY]');
  });
});
