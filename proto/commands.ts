/**
 * Commands (`cmd`, operator -> agent) and replies (`reply`, agent -> operator).
 * Every command is signed (proto/command-signing.ts); every command, accepted
 * or not, gets exactly one reply carrying its `tx`.
 */
import type { Envelope } from './payloads.js';

/** Agents refuse a command whose exp - ts is longer (command handler); `fleet sign` refuses to sign one. */
export const MAX_COMMAND_LIFETIME_MS = 600_000;

export const COMMAND_NAMES = [
  'get-state',
  'get-routes',
  'get-events',
  'force-path',
  'clear-override',
  'set-policy',
  'run-show',
  'rebirth',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export interface CommandArgsMap {
  'get-state': Record<string, never>;
  'get-routes': { family?: 'ipv4' | 'ipv6'; vrf?: string; limit?: number };
  'get-events': { sinceMs?: number; kinds?: string[]; limit?: number };
  /** Force a peer and/or a source for `forSec` seconds (at most 7 days). */
  'force-path': { peer?: string; source?: string; forSec: number };
  'clear-override': Record<string, never>;
  /** The policy section of the agent's configuration, validated exactly like the config file. */
  'set-policy': { policy: Record<string, unknown> };
  /** One read-only show command from the allow-list (agent/shell/commands/show-allow-list.ts). */
  'run-show': { command: string };
  rebirth: Record<string, never>;
}

/** The signed fields: everything in the command except `sig`. */
export interface UnsignedCommand<N extends CommandName = CommandName> extends Envelope {
  /** Transaction id chosen by the operator; the reply carries it. */
  tx: string;
  /** The node it is for: a command signed for one spoke is refused by every other. */
  site: string;
  node: string;
  cmd: N;
  args: CommandArgsMap[N];
  /** Refused after this time, epoch ms; at most the agent's max lifetime after `ts`. */
  exp: number;
  /** Random, at least 16 bytes, base64url: a replay of the same command is refused. */
  nonce: string;
  /** Which configured public key signed it. */
  keyId: string;
}

export interface SignedCommand<N extends CommandName = CommandName> extends UnsignedCommand<N> {
  /** Ed25519 signature of the canonical form, base64url. */
  sig: string;
}

/** What arrives on `cmd`. Typed loosely on purpose: the handler checks every field. */
export type CommandPayload = SignedCommand;

/**
 * Why a command was not run. Stable codes; the message adds detail.
 * `too-large` (over the agent's `mqtt.maxPayloadBytes`, refused unparsed) and
 * `retained` (commands are never retained) come before any other check.
 */
export const REFUSAL_CODES = [
  'too-large',
  'retained',
  'malformed',
  'unsigned',
  'unknown-key',
  'bad-signature',
  'wrong-target',
  'expired',
  'not-yet-valid',
  'lifetime-too-long',
  'replayed',
  'unknown-command',
  'invalid-args',
  'not-allowed',
  'busy',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];
/** A command that was accepted but could not be carried out. */
export type FailureCode = 'failed' | 'unavailable' | 'timeout';

export type ReplyBody = {
  /** The command's tx; null when the command was too malformed to carry one. */
  tx: string | null;
  cmd?: string;
} & ({ ok: true; result: unknown } | { ok: false; error: { code: RefusalCode | FailureCode; message: string } });

export type ReplyPayload = Envelope & ReplyBody;

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && (COMMAND_NAMES as readonly string[]).includes(name);
}
