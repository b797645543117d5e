/** Keys, a recording command target and a command factory, shared by the unit and integration tests. */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { CommandTarget, PathOverride } from '../../../agent/shell/commands/command-target.js';
import { buildSignedCommand, signCommand } from '../../../proto/command-signing.js';
import type { CommandArgsMap, CommandName, SignedCommand, UnsignedCommand } from '../../../proto/commands.js';

export const AT = { site: 'site-1', node: 'spoke-1' };

export interface TestKeys {
  ops: { id: string; privateKey: KeyObject; publicKey: KeyObject };
  rogue: { id: string; privateKey: KeyObject; publicKey: KeyObject };
  /** What the agent's configuration holds: only the ops key. */
  configured: ReadonlyMap<string, KeyObject>;
}

export function testKeys(): TestKeys {
  const ops = { id: 'ops-1', ...generateKeyPairSync('ed25519') };
  const rogue = { id: 'rogue', ...generateKeyPairSync('ed25519') };
  return { ops, rogue, configured: new Map([[ops.id, ops.publicKey]]) };
}

export function command<N extends CommandName>(
  keys: TestKeys,
  cmd: N,
  args: CommandArgsMap[N],
  o: { nowMs?: number; ttlSec?: number; node?: string; tx?: string } = {},
): SignedCommand<N> {
  return buildSignedCommand(
    {
      site: AT.site,
      node: o.node ?? AT.node,
      cmd,
      args,
      keyId: keys.ops.id,
      nowMs: o.nowMs ?? Date.now(),
      ttlSec: o.ttlSec ?? 60,
      ...(o.tx ? { tx: o.tx } : {}),
    },
    keys.ops.privateKey,
  );
}

/** Re-signs an edited command with a given key (to make well-signed odd commands). */
export function resign(c: SignedCommand | UnsignedCommand, key: KeyObject): SignedCommand {
  const { sig: _sig, ...rest } = c as SignedCommand;
  return signCommand(rest as UnsignedCommand, key);
}

export interface RecordingTarget extends CommandTarget {
  calls: { method: string; arg?: unknown }[];
  showOutput: string;
  hang: boolean;
}

export function recordingTarget(): RecordingTarget {
  const t: RecordingTarget = {
    calls: [],
    showOutput: 'Cisco IOS XE Software, Version 17.9.4a\n',
    hang: false,
    getState: () => {
      t.calls.push({ method: 'getState' });
      return { active: { candidate: 'fibre-hub1' } };
    },
    getRoutes: (a) => {
      t.calls.push({ method: 'getRoutes', arg: a });
      return { family: a.family ?? 'ipv4', routes: [] };
    },
    getEvents: (a) => {
      t.calls.push({ method: 'getEvents', arg: a });
      return { events: [] };
    },
    forcePath: (o: PathOverride) => {
      t.calls.push({ method: 'forcePath', arg: o });
    },
    clearOverride: (by) => {
      t.calls.push({ method: 'clearOverride', arg: by });
    },
    validatePolicy: (p) =>
      typeof p.preemptDelaySec === 'number' && p.preemptDelaySec >= 0
        ? { ok: true }
        : { ok: false, errors: ['/policy/preemptDelaySec: must be a number >= 0'] },
    applyPolicy: (p) => {
      t.calls.push({ method: 'applyPolicy', arg: p });
    },
    runShow: async (c) => {
      t.calls.push({ method: 'runShow', arg: c });
      if (t.hang) await new Promise(() => {});
      return t.showOutput;
    },
    rebirth: async () => {
      t.calls.push({ method: 'rebirth' });
    },
  };
  return t;
}
