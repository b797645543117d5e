import { describe, expect, it } from 'vitest';
import { pageCommand } from '../../../agent/fleet/page-commands.js';
import { parseListen } from '../../../agent/fleet/serve-command.js';

const at = { site: 's1', node: 'r1' };

describe('commands the page may ask for', () => {
  it('maps each to the agent command it signs', () => {
    expect(pageCommand({ ...at, command: 'force-path', peer: 'h2', forSec: 3600 })).toEqual({
      ...at,
      cmd: 'force-path',
      args: { peer: 'h2', forSec: 3600 },
    });
    expect(pageCommand({ ...at, command: 'clear-override' })).toEqual({ ...at, cmd: 'clear-override', args: {} });
    expect(pageCommand({ ...at, command: 'set-mode', mode: 'dry-run' })).toEqual({
      ...at,
      cmd: 'set-policy',
      args: { policy: { mode: 'dry-run' } },
    });
    expect(pageCommand({ ...at, command: 'snapshot' })).toEqual({ ...at, cmd: 'rebirth', args: {} });
  });

  it('names what is wrong instead of signing it', () => {
    expect(pageCommand(null)).toBe('the request body must be a JSON object');
    expect(pageCommand({ command: 'snapshot' })).toBe('site and node are required');
    expect(pageCommand({ ...at, command: 'force-path', forSec: 60 })).toMatch(/needs a peer .* or a source/);
    expect(pageCommand({ ...at, command: 'force-path', peer: 'h', forSec: 8 * 86_400 })).toMatch(/^forSec must be/);
    expect(pageCommand({ ...at, command: 'force-path', peer: 'h', forSec: 1.5 })).toMatch(/^forSec must be/);
    expect(pageCommand({ ...at, command: 'set-mode', mode: 'off' })).toBe('mode must be "enforce" or "dry-run"');
    expect(pageCommand({ ...at, command: 'run-show' })).toMatch(/^unknown command "run-show": one of force-path/);
  });

  it('reads --listen', () => {
    expect(parseListen('127.0.0.1:8088')).toEqual({ host: '127.0.0.1', port: 8088 });
    expect(parseListen('[::1]:9000')).toEqual({ host: '::1', port: 9000 });
    expect(parseListen(':8088')).toEqual({ host: '127.0.0.1', port: 8088 });
    expect(parseListen('8088')).toMatch(/expected HOST:PORT/);
    expect(parseListen('h:70000')).toMatch(/expected HOST:PORT/);
  });
});
