/** Drives lab routers in tests without the terminal: exact-word commands through the CommandDefs. */
import type { Mode } from '../../lab/cli/grammar.js';
import { findCommand } from '../../lab/router/config-loader.js';
import { createLabRouter, type LabRouter, type LabRouterOptions } from '../../lab/router/index.js';
import { ManualClock } from '../../lab/world/clock.js';

export function labRouter(options: Omit<LabRouterOptions, 'clock'> = {}): { router: LabRouter; clock: ManualClock } {
  const clock = new ManualClock();
  const router = createLabRouter({ seed: 1, ...options, clock });
  router.start();
  return { router, clock };
}

/** Runs one command line in `mode` and returns its output (throws CliError as the handler does). */
export function exec(router: LabRouter, line: string, mode: Mode = 'exec', target?: string): string {
  const found = findCommand(router.commands(), mode, line.trim().split(/\s+/));
  if (!found) throw new Error(`no command matches "${line}" in ${mode}`);
  const ctx = { mode, terminalWidth: 0, ...(target !== undefined ? { modeTarget: target } : {}) };
  const result = found.def.handler(ctx, found.args);
  return result?.output ?? '';
}

/** Advances lab time by whole seconds. */
export function seconds(clock: ManualClock, n: number): void {
  clock.advance(n * 1000);
}

export function activePeer(router: LabRouter): string | undefined {
  return router.state().clients.find((c) => c.phase === 'connected')?.peer;
}
