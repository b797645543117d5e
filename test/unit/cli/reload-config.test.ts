import { describe, expect, it, vi } from 'vitest';
import { reloadConfig } from '../../../agent/cli/reload-config.js';
import { CurrentConfig } from '../../../agent/shell/current-config.js';
import { loadConfigText } from '../../../agent/config/load.js';
import type { AgentConfig } from '../../../agent/config/types.js';
import type { ConfigResult } from '../../../agent/config/validate.js';
import type { Logger } from '../../../agent/ports/logger.js';
import { MINIMAL } from '../config/minimal-config.js';

const valid = (text: string): AgentConfig => {
  const r = loadConfigText(text);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
};

function recordingLogger() {
  const lines: { level: string; event: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (event: string, fields?: Record<string, unknown>) => void lines.push({ level, event, fields });
  const log: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => log };
  return { log, lines };
}

/** Red team 2026-12-06, finding 5: any fault while reloading must leave the running agent as it was. */
describe('SIGHUP reload', () => {
  const running = valid(MINIMAL);
  const reload = (load: () => ConfigResult, dryRun = false) => {
    const { log, lines } = recordingLogger();
    const reconfigure = vi.fn();
    // The agent's one owner of the configuration in force, telling the (mocked) decision loop.
    const current = new CurrentConfig(running, reconfigure);
    reloadConfig({ load, dryRun, reload: (next) => current.replace(next), log });
    return { lines, reconfigure, current };
  };

  it('refuses whole, and runs on, when loading throws', () => {
    const { lines, reconfigure } = reload(() => { throw new ReferenceError('Unresolved alias'); });
    expect(reconfigure).not.toHaveBeenCalled();
    expect(lines).toEqual([expect.objectContaining({ level: 'error', event: 'reload-refused', fields: { issues: [expect.objectContaining({ code: 'CONFIG_INTERNAL' })] } })]);
  });

  it('refuses an invalid file with its issues', () => {
    const { lines, reconfigure } = reload(() => loadConfigText('site: *nope\n'));
    expect(reconfigure).not.toHaveBeenCalled();
    expect(lines.map((l) => l.event)).toEqual(['reload-refused']);
    expect(lines[0]!.fields!.issues).toEqual([expect.objectContaining({ path: 'site', code: 'CONFIG_YAML_ALIAS' })]);
  });

  it('applies the policy of a valid file (dry-run kept) and names the sections that need a restart', () => {
    const { lines, reconfigure, current } = reload(() => loadConfigText(MINIMAL.replace('node: n1', 'node: n2\npolicy: { preemptDelaySec: 5 }')), true);
    expect(reconfigure).toHaveBeenCalledWith(expect.objectContaining({ preemptDelaySec: 5, mode: 'dry-run' }));
    // In force: the new policy; the node keeps its start-up value until a restart.
    expect(current.mode).toBe('dry-run');
    expect(current.value.policy.preemptDelaySec).toBe(5);
    expect(current.value.node).toBe('n1');
    expect(lines).toEqual([expect.objectContaining({ event: 'reloaded', fields: { policy: 'applied', needRestart: ['node'] } })]);
  });
});
