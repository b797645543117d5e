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
    const { lines, reconfigure } = reload(() => {
      throw new ReferenceError('Unresolved alias');
    });
    expect(reconfigure).not.toHaveBeenCalled();
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        event: 'reload-refused',
        fields: { issues: [expect.objectContaining({ code: 'CONFIG_INTERNAL' })] },
      }),
    ]);
  });

  it('refuses an invalid file with its issues', () => {
    const { lines, reconfigure } = reload(() => loadConfigText('site: *nope\n'));
    expect(reconfigure).not.toHaveBeenCalled();
    expect(lines.map((l) => l.event)).toEqual(['reload-refused']);
    expect(lines[0]!.fields!.issues).toEqual([expect.objectContaining({ path: 'site', code: 'CONFIG_YAML_ALIAS' })]);
  });

  it('applies the policy of a valid file (dry-run kept) and names the sections that need a restart', () => {
    const { lines, reconfigure, current } = reload(
      () => loadConfigText(MINIMAL.replace('node: n1', 'node: n2\npolicy: { preemptDelaySec: 5 }')),
      true,
    );
    expect(reconfigure).toHaveBeenCalledWith(expect.objectContaining({ preemptDelaySec: 5, mode: 'dry-run' }));
    // In force: the new policy; the node keeps its start-up value until a restart.
    expect(current.mode).toBe('dry-run');
    expect(current.value.policy.preemptDelaySec).toBe(5);
    expect(current.value.node).toBe('n1');
    expect(lines).toEqual([expect.objectContaining({ event: 'reloaded', fields: { policy: 'applied', needRestart: ['node'] } })]);
  });
});

describe('SIGHUP reload of metered settings', () => {
  const metered = (settings: string, extra = '') =>
    MINIMAL.replace(
      'sources: [{ interface: Gi0/0, stubTrack: 111 }]',
      `sources: [{ interface: Gi0/0, stubTrack: 111 }, { interface: Cellular0/1/0, stubTrack: 112${extra}, metered: ${settings} }]`,
    );
  const start = (text: string) => {
    const reconfigure = vi.fn();
    const applyMetered = vi.fn();
    return { current: new CurrentConfig(valid(text), reconfigure, applyMetered), reconfigure, applyMetered };
  };

  it('applies a new budget, billing day, thresholds and whenSpent at once, to the accounting and the policy', () => {
    const { current, reconfigure, applyMetered } = start(metered('{ budget: 2GB }'));
    const r = current.replace(valid(metered('{ budget: 500MB, billingDay: 15, thresholdsPct: [90], whenSpent: ignore }')));
    expect(r.needRestart).toEqual([]);
    expect(applyMetered).toHaveBeenCalledWith([
      expect.anything(),
      expect.objectContaining({ metered: expect.objectContaining({ budget: 5e8, billingDay: 15, whenSpent: 'ignore' }) }),
    ]);
    expect(reconfigure).toHaveBeenLastCalledWith(expect.objectContaining({ metered: { 'Cellular0/1/0': 'ignore' } }));
    expect(current.value.flexvpn?.sources[1]!.metered!.budget).toBe(5e8);
  });

  it('keeps flexvpn (whenSpent included) until a restart when more than metered settings changed', () => {
    const { current, reconfigure, applyMetered } = start(metered('{ budget: 2GB }'));
    const r = current.replace(valid(metered('{ budget: 500MB, whenSpent: ignore }').replace('stubTrack: 112', 'stubTrack: 113')));
    expect(r.needRestart).toEqual(['flexvpn']);
    expect(applyMetered).not.toHaveBeenCalled();
    expect(reconfigure).toHaveBeenLastCalledWith(expect.objectContaining({ metered: { 'Cellular0/1/0': 'hard-failure-only' } }));
    expect(current.value.flexvpn?.sources[1]!.metered!.budget).toBe(2e9);
  });
});
