/** A lab user in a CLI view (lab/cli/view.ts): only the view's exec commands, no configuration, and `view full`. */
import { afterEach, describe, expect, it } from 'vitest';
import { CliSession } from '../../lab/cli/session.js';
import type { LabRouter } from '../../lab/router/index.js';
import { labRouter } from './lab-helpers.js';

const VIEW = { name: 'SPOKEPILOT', exec: ['all show', 'terminal length', 'event manager run', 'all clear crypto'] };
const INVALID = "% Invalid input detected at '^' marker.";

let router: LabRouter | undefined;
afterEach(() => router?.stop());

function session(view = VIEW): CliSession {
  router = labRouter().router;
  return new CliSession({ device: router, view, user: 'agent' });
}

describe('a CLI view', () => {
  it('starts in privileged exec and runs the commands its view includes', () => {
    const cli = session();
    expect(cli.prompt()).toMatch(/#$/);
    expect(cli.execute('terminal length 0').lines).toEqual([]);
    expect(cli.execute('show track brief').lines.join('\n')).toContain('stub-object');
    expect(cli.execute('show ip sla statistics').lines.join('\n')).toContain('IPSLA operation id');
  });

  it('refuses what it does not include, as an unknown command: configuration mode, terminal width, a clear outside crypto', () => {
    const cli = session();
    expect(cli.execute('configure terminal').lines).toContain(INVALID);
    expect(cli.mode()).toBe('exec');
    expect(cli.execute('terminal width 0').lines).toContain(INVALID);
    expect(cli.execute('clear counters').lines).toContain(INVALID);
  });

  it('`include WORDS` admits that command only, `include all WORDS` everything under them', () => {
    const narrow = session({ name: 'V', exec: ['show track brief'] });
    expect(narrow.execute('show track brief').lines.join('\n')).toContain('stub-object');
    // The view's parser knows `show track brief` only, so a bare `show track` is incomplete there.
    expect(narrow.execute('show track').lines).toContain('% Incomplete command.');
    expect(narrow.execute('show ip route').lines).toContain(INVALID);
    expect(narrow.execute('logout').closed).toBe(true);
  });

  it('shows none of the configuration in show running-config, and all of it with view full', () => {
    const cli = session();
    const plain = cli.execute('show running-config').lines.join('\n');
    expect(plain).not.toContain('crypto ikev2 client flexvpn');
    expect(plain).toMatch(/Current configuration : \d+ bytes\n!\nend$/);
    expect(cli.execute('show running-config view full').lines.join('\n')).toContain('crypto ikev2 client flexvpn');
  });

  it('a user without a view keeps privilege-level access', () => {
    router = labRouter().router;
    const cli = new CliSession({ device: router, privilege: 15 });
    expect(cli.execute('show running-config').lines.join('\n')).toContain('crypto ikev2 client flexvpn');
    expect(cli.execute('configure terminal').lines).not.toContain(INVALID);
  });
});
