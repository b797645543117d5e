import type { CommandArgsMap } from '../../../proto/commands.js';

/** The override a `force-path` command asks the policy core for (an `override` observation). */
export interface PathOverride {
  peer?: string;
  source?: string;
  untilMs: number;
  /** The key id that signed the command. */
  by: string;
}

export type PolicyCheck = { ok: true } | { ok: false; errors: string[] };

/**
 * What commands act on; the runtime implements it over the policy loop, the
 * store and the router CLI. Methods may throw an Error with a `code`
 * (reported as `failed` with that code in the message).
 */
export interface CommandTarget {
  getState(): unknown;
  getRoutes(args: CommandArgsMap['get-routes']): unknown | Promise<unknown>;
  getEvents(args: CommandArgsMap['get-events']): unknown | Promise<unknown>;
  forcePath(override: PathOverride): void | Promise<void>;
  clearOverride(by: string): void | Promise<void>;
  /** Validates a policy section exactly as the config file's is validated (injected until agent/config exists). */
  validatePolicy(policy: Record<string, unknown>): PolicyCheck;
  /** Returns what it changed (the reply's result), e.g. `{ applied: [{ setting, from, to }], unchanged: [...] }`. */
  applyPolicy(policy: Record<string, unknown>, by: string): unknown | Promise<unknown>;
  /** Runs an allow-listed show command on the router. */
  runShow(command: string): Promise<string>;
  /** Birth and full state again. */
  rebirth(): Promise<void>;
}
