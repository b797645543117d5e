import { CodedError } from '../../proto/coded-error.js';

/** How the agent talks to IOS: SSH to the router, or Guest Shell's dohost. */
export interface RouterCli {
  /** Runs a show command; resolves with its output (no echo, no prompt). */
  show(command: string): Promise<string>;
  /**
   * Applies configuration lines in one config session (configure terminal ...
   * end), never interleaved with other commands. Rejects at the first line IOS
   * refuses, naming it; lines before it were applied.
   */
  configure(lines: readonly string[]): Promise<void>;
  /** Runs a non-show exec command (`clear crypto session remote 192.0.2.1`). */
  exec(command: string): Promise<string>;
  close(): Promise<void>;
}

export type RouterErrorCode =
  | 'ROUTER_CONNECT_FAILED'
  | 'ROUTER_AUTH_FAILED'
  | 'ROUTER_HOSTKEY_MISMATCH'
  | 'ROUTER_DISCONNECTED'
  | 'ROUTER_TIMEOUT'
  | 'ROUTER_CLI_ERROR'
  /** One command printed more bytes or lines than its limit (agent/adapters/router/output-limits.ts). */
  | 'ROUTER_OUTPUT_TOO_LARGE'
  | 'ROUTER_UNSAFE_COMMAND'
  | 'ROUTER_CLOSED';

export class RouterError extends CodedError<RouterErrorCode> {
  constructor(
    code: RouterErrorCode,
    message: string,
    /** For ROUTER_CLI_ERROR: the command or config line IOS refused; for ROUTER_OUTPUT_TOO_LARGE: the command. */
    readonly line?: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/**
 * Nothing reaches IOS that could smuggle a second command: no newline, no
 * control character, nothing outside printable ASCII, bounded length.
 */
export function assertSafeLine(line: string): void {
  if (!/^[\x20-\x7e]{1,254}$/.test(line) || line.trim() !== line) {
    throw new RouterError('ROUTER_UNSAFE_COMMAND', `refusing to send an unsafe line to the router: ${JSON.stringify(line.slice(0, 80))}`);
  }
}
