import { describe, expect, it } from 'vitest';
import { writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { ExecRouterCli } from '../../agent/adapters/router/exec-router-cli.js';
import { tempDir } from '../support/temp-dir.js';

describe('exec (dohost) router adapter, with a real child process standing in for dohost', () => {
  const tmp = tempDir();
  const dohost = join(tmp.dir, 'dohost');
  writeFileSync(
    dohost,
    [
      '#!/bin/sh',
      'case "$1" in',
      '  "show version") echo "spoke1 uptime is 1 hour, 2 minutes" ;;',
      '  "show slow") sleep 5 ;;',
      '  "show flood") yes "GigabitEthernet0/0     192.0.2.1       YES manual up                    up" ;;',
      '  "show long") yes "x" | head -c 3000000 | tr -d "\\n" ;;',
      '  *) echo "                ^"; echo "% Invalid input detected at \'^\' marker." ;;',
      'esac',
    ].join('\n'),
  );
  chmodSync(dohost, 0o755);
  const cli = new ExecRouterCli({ command: [dohost], timeoutMs: 300 });

  it('runs a show command as one argument and returns its output', async () => {
    expect(await cli.show('show version')).toBe('spoke1 uptime is 1 hour, 2 minutes\n');
  });

  it('turns IOS refusals, timeouts and unsafe lines into coded errors', async () => {
    await expect(cli.show('show bogus')).rejects.toMatchObject({ code: 'ROUTER_CLI_ERROR', line: 'show bogus' });
    await expect(cli.show('show slow')).rejects.toMatchObject({ code: 'ROUTER_TIMEOUT' });
    await expect(cli.show('show version\nreload')).rejects.toMatchObject({ code: 'ROUTER_UNSAFE_COMMAND' });
    await expect(cli.configure()).rejects.toMatchObject({ code: 'ROUTER_CLI_ERROR' });
  });

  it('refuses output over its limit while it streams (lines, or bytes on one endless line), killing the child', async () => {
    const limited = new ExecRouterCli({
      command: [dohost],
      timeoutMs: 20_000,
      outputLimits: () => ({ maxBytes: 1024 * 1024, maxLines: 1000 }),
    });
    await expect(limited.show('show flood')).rejects.toMatchObject({ code: 'ROUTER_OUTPUT_TOO_LARGE', line: 'show flood' });
    await expect(limited.show('show long')).rejects.toMatchObject({ code: 'ROUTER_OUTPUT_TOO_LARGE', line: 'show long' });
    expect(await limited.show('show version')).toBe('spoke1 uptime is 1 hour, 2 minutes\n');
  });
});
