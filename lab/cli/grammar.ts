/**
 * The contract between the lab's terminal (SSH session, IOS command-line
 * matching, modes, paging) and the lab's router model (what each command
 * does). The router model declares its commands as token sequences; the
 * terminal matches typed lines against them with IOS's abbreviation and error
 * rules and calls the handler.
 *
 * IOS syntax with optional parts or alternatives is declared as several
 * CommandDefs sharing a prefix: `peer 1 10.0.0.1` and `peer 1 10.0.0.1 track 5`
 * are two definitions. `no` forms are definitions that start with keyword `no`.
 */

/** CLI modes. Config sub-modes carry the name IOS shows in the prompt: `config-if`, `config-track`. */
export type Mode = 'user' | 'exec' | 'config' | `config-${string}`;

export type Token =
  /** A keyword, matched by any unambiguous prefix of at least one character (IOS rules). */
  | { kind: 'keyword'; word: string }
  /** An integer within a range, named so the handler gets it in `args`. */
  | { kind: 'number'; name: string; min: number; max: number }
  /** A dotted-quad IPv4 address. */
  | { kind: 'ipv4'; name: string }
  /** An IPv4 or IPv6 address. */
  | { kind: 'ip'; name: string }
  /** One word of free text (a name). */
  | { kind: 'word'; name: string }
  /**
   * An interface: type then unit, either as one token (`Gi0/0`, `Tunnel100`)
   * or two (`GigabitEthernet 0/0`). The type may be abbreviated. The handler
   * receives the canonical name (`GigabitEthernet0/0`).
   */
  | { kind: 'interface'; name: string }
  /** The rest of the line, verbatim (descriptions, banners). */
  | { kind: 'rest'; name: string };

export type Args = Record<string, string | number>;

export interface CommandContext {
  mode: Mode;
  /** What the current sub-mode is about: the interface of `config-if`, the track id of `config-track`. */
  modeTarget?: string;
  /** Session settings the router may need (paging is the terminal's job, not the handler's). */
  terminalWidth: number;
  /** The session's CLI view, if its user has one (lab/cli/view.ts). */
  view?: string;
}

export interface CommandResult {
  /** Text to print, lines separated by '\n', without the trailing prompt. */
  output?: string;
  /** Enter a config sub-mode (e.g. `{ mode: 'config-if', target: 'Tunnel100' }`). */
  enter?: { mode: Mode; target?: string };
  /**
   * IOS asks first (`... [confirm]`, the line it prints as the prompt): Return or `y` runs
   * `then` and prints what it returns; anything else does nothing.
   */
  confirm?: { prompt: string; then: () => string | void };
}

/**
 * A handler may throw a CliError to print IOS's own error lines; anything it
 * throws leaves the router unchanged (handlers validate before mutating).
 */
export class CliError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

export interface CommandDef {
  /** Modes where the command is accepted. `exec` commands are also offered in config modes via `do`. */
  modes: readonly Mode[];
  syntax: readonly Token[];
  handler(ctx: CommandContext, args: Args): CommandResult | void;
}

/** What the terminal needs from the router model. */
export interface LabDevice {
  hostname(): string;
  /** The command set; may change (e.g. hostname), so the terminal asks per line. */
  commands(): readonly CommandDef[];
  /** A session left configuration mode (`end`, Ctrl-Z, `exit` from config). */
  configured?(by: string): void;
  /** Calls `listener` with each log line as the router logs it (`terminal monitor`); returns the unsubscribe. */
  watchLog?(listener: (line: string) => void): () => void;
}

/** Keyword helper: `kw('show', 'ip', 'route')` for a run of keywords. */
export function kw(...words: string[]): Token[] {
  return words.map((word) => ({ kind: 'keyword' as const, word }));
}
