/**
 * The commands the page offers, checked before anything is signed: a bad
 * request is named, never signed for the agent to refuse.
 */
import type { CommandName } from '../../proto/commands.js';
import { MAX_COMMAND_LIFETIME_MS } from '../../proto/commands.js';

/** force-path: at most 7 days, as the agent accepts. */
export const MAX_FORCE_SEC = 7 * 86_400;

export interface PageCommand {
  site: string;
  node: string;
  cmd: CommandName;
  args: Record<string, unknown>;
}

/** "snapshot" asks the agent to publish its birth and retained state again (rebirth). */
export const PAGE_COMMANDS = ['force-path', 'clear-override', 'set-mode', 'snapshot'] as const;

export function pageCommand(body: unknown): PageCommand | string {
  if (!body || typeof body !== 'object') return 'the request body must be a JSON object';
  const b = body as Record<string, unknown>;
  if (typeof b.site !== 'string' || typeof b.node !== 'string') return 'site and node are required';
  const at = { site: b.site, node: b.node };
  switch (b.command) {
    case 'force-path': {
      const forSec = Number(b.forSec);
      if (!Number.isInteger(forSec) || forSec < 1 || forSec > MAX_FORCE_SEC)
        return `forSec must be a whole number of seconds from 1 to ${MAX_FORCE_SEC}`;
      const peer = typeof b.peer === 'string' && b.peer ? b.peer : undefined;
      const source = typeof b.source === 'string' && b.source ? b.source : undefined;
      if (!peer && !source) return 'force-path needs a peer (hub) or a source (WAN), or both';
      return { ...at, cmd: 'force-path', args: { ...(peer ? { peer } : {}), ...(source ? { source } : {}), forSec } };
    }
    case 'clear-override':
      return { ...at, cmd: 'clear-override', args: {} };
    case 'set-mode': {
      if (b.mode !== 'enforce' && b.mode !== 'dry-run') return 'mode must be "enforce" or "dry-run"';
      return { ...at, cmd: 'set-policy', args: { policy: { mode: b.mode } } };
    }
    case 'snapshot':
      return { ...at, cmd: 'rebirth', args: {} };
    default:
      return `unknown command ${JSON.stringify(b.command)}: one of ${PAGE_COMMANDS.join(', ')}`;
  }
}

/** Signed commands live 60 s: well inside what agents accept. */
export const COMMAND_TTL_SEC = Math.min(60, MAX_COMMAND_LIFETIME_MS / 1000);
