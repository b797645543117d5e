/**
 * One IOS command-line session over a LabDevice: modes and prompts, the
 * built-in commands, `do`, the fall-back from a config sub-mode to its parent,
 * and the error lines. Transport-free: the SSH shell drives it through
 * InteractiveTerminal, the SSH exec channel calls `execute` once.
 */
import { CliError, kw, type Args, type CommandDef, type CommandResult, type LabDevice, type Mode } from './grammar.js';
import { builtinCommands, isConfigMode, terminalCommands, type SessionControls } from './builtins.js';
import { matchLine } from './matcher.js';
import { BAD_SECRETS, INTERNAL_ERROR, PASSWORD_PROMPT, matchErrorLines } from './messages.js';
import { completeLine, contextHelp, isShowCommand, splitAtPipe } from './help.js';
import { applyModifier, modifierCommands, type OutputModifier } from './output-filter.js';
import { viewAllows, type CliView } from './view.js';

export type LabLog = (event: Record<string, unknown>) => void;

export interface CliSessionOptions {
  device: LabDevice;
  /** 15 starts in privileged exec (`username admin privilege 15`); 1 (default) in user exec. */
  privilege?: 1 | 15;
  /** `enable secret`: when set, `enable` asks for it. Without one, `enable` just works. */
  enableSecret?: string;
  /** IOS default: 24 lines, 80 columns. */
  terminalLength?: number;
  terminalWidth?: number;
  /** Who is logged in, for `%SYS-5-CONFIG_I: Configured from console by admin on vty0`. */
  user?: string;
  /** The user's CLI view (`username X view NAME`): privileged exec, limited to the view's commands. */
  view?: CliView;
  log?: LabLog;
}

export interface LineOutcome {
  /** Lines to print before the next prompt. */
  lines: string[];
  /** The session ended (`exit` or `logout` in exec). */
  closed: boolean;
}

interface ConfigLevel {
  mode: Mode;
  target?: string;
}

/** What IOS prints above the command list of `?` on an empty line, in the modes whose title is known. */
const MODE_HELP_HEADERS: Partial<Record<Mode, string>> = {
  user: 'Exec commands:',
  exec: 'Exec commands:',
  config: 'Configure commands:',
  'config-if': 'Interface configuration commands:',
};

/** IOS gives three tries at the enable secret. */
const SECRET_TRIES = 3;

export class CliSession {
  terminalLength: number;
  terminalWidth: number;
  /** `terminal monitor` is on: the terminal copies log lines to the screen. */
  monitoring = false;
  private privileged: boolean;
  /** Configuration levels, outermost (`config`) first; empty outside configuration mode. */
  private levels: ConfigLevel[] = [];
  /** Failed enable secret attempts, or undefined when not asking for one. */
  private secretTries: number | undefined;
  /** A command waits for IOS's `[confirm]` (its next line answers it). */
  private pendingConfirm: CommandResult['confirm'];
  private closed = false;
  private readonly controls: SessionControls;
  /** `do` forms of exec commands, mapped to the command they run. */
  private readonly doTargets = new WeakMap<CommandDef, CommandDef>();

  constructor(private readonly options: CliSessionOptions) {
    this.privileged = options.privilege === 15 || options.view !== undefined;
    this.terminalLength = options.terminalLength ?? 24;
    this.terminalWidth = options.terminalWidth ?? 80;
    this.controls = this.makeControls();
  }

  mode(): Mode {
    return this.levels.at(-1)?.mode ?? (this.privileged ? 'exec' : 'user');
  }

  /** True while `enable` waits for the secret: the terminal must not echo. */
  get awaitingSecret(): boolean {
    return this.secretTries !== undefined;
  }

  prompt(): string {
    if (this.awaitingSecret) return PASSWORD_PROMPT;
    if (this.pendingConfirm) return this.pendingConfirm.prompt;
    const host = this.options.device.hostname();
    const mode = this.mode();
    if (mode === 'user') return `${host}>`;
    if (mode === 'exec') return `${host}#`;
    return `${host}(${mode})#`;
  }

  /** Ctrl-C: abandons a secret or confirm prompt; leaves configuration mode (IOS prints `^C` and returns to `#`). */
  interrupt(): void {
    this.secretTries = undefined;
    this.pendingConfirm = undefined;
    this.leaveConfiguration();
  }

  /** Ctrl-Z: like `end`; only meaningful in configuration mode. */
  endConfiguration(): void {
    this.leaveConfiguration();
  }

  /** Back to exec; tells the device, which logs %SYS-5-CONFIG_I as IOS does on leaving configuration mode. */
  private leaveConfiguration(): void {
    if (this.levels.length === 0) return;
    this.levels = [];
    this.options.device.configured?.(`${this.options.user ?? 'console'} on vty0`);
  }

  execute(line: string): LineOutcome {
    if (this.closed) return { lines: [], closed: true };
    const secret = this.awaitingSecret;
    const confirm = this.pendingConfirm;
    this.pendingConfirm = undefined;
    try {
      const lines = secret ? this.checkSecret(line) : confirm ? this.answerConfirm(confirm, line) : this.executeCommand(line);
      return { lines, closed: this.closed };
    } catch (error) {
      // The router model failed outside a handler (its command list, its hostname): the vty survives.
      this.options.log?.({ event: 'lab.cli.line_failed', command: secret ? '<secret>' : line, error: String(error) });
      return { lines: INTERNAL_ERROR, closed: this.closed };
    }
  }

  /** IOS's `[confirm]`: Return or y/yes goes ahead; anything else (n) abandons it. */
  private answerConfirm(confirm: NonNullable<CommandResult['confirm']>, typed: string): string[] {
    if (!/^(y|yes)?$/i.test(typed.trim())) return [];
    return outputLines(confirm.then() ?? undefined);
  }

  private checkSecret(typed: string): string[] {
    if (typed === this.options.enableSecret) {
      this.secretTries = undefined;
      this.privileged = true;
      return [];
    }
    this.secretTries = (this.secretTries ?? 0) + 1;
    if (this.secretTries < SECRET_TRIES) return [];
    this.secretTries = undefined;
    return BAD_SECRETS;
  }

  /** The device's log as it is written (for `terminal monitor`); a device without a log has nothing to show. */
  watchLog(listener: (line: string) => void): () => void {
    return this.options.device.watchLog?.(listener) ?? (() => undefined);
  }

  /** `?` typed after `line`: the help lines (the terminal then redraws the prompt and the line). */
  help(line: string): string[] {
    const mode = this.mode();
    const lines = contextHelp(line, this.candidates(mode), this.prompt().length, mode);
    const header = line.trim() === '' ? MODE_HELP_HEADERS[mode] : undefined;
    return header ? [header, ...lines] : lines;
  }

  /** Tab after `line`: the line with its last word completed, or undefined when it cannot be. */
  complete(line: string): string | undefined {
    return completeLine(line, this.candidates(this.mode()));
  }

  private executeCommand(line: string): string[] {
    const mode = this.mode();
    const result = matchLine(line, this.candidates(mode));
    // A `|` is an output modifier only after a show command; free text may hold one (`description fibre | backup`).
    const pipe = splitAtPipe(line);
    if (pipe && !(result.kind === 'ok' && !isShowCommand(result.def))) return this.executePiped(line, pipe);
    if (result.kind === 'ok') return this.run(result.def, result.args, mode, line);
    if (result.kind === 'empty') return [];
    const fallback = this.matchInParentModes(line);
    if (fallback) return this.run(fallback.def, fallback.args, this.mode(), line);
    return matchErrorLines(result, line, this.prompt().length);
  }

  /**
   * `show ... | include REGEX` and the other modifiers: only after a show
   * command (IOS puts the caret under the `|` of `ping 10.0.0.1 | i x`).
   */
  private executePiped(line: string, pipe: { head: string; pipeAt: number; tail: string }): string[] {
    const mode = this.mode();
    const head = matchLine(pipe.head, this.candidates(mode));
    if (head.kind !== 'ok')
      return matchErrorLines(head.kind === 'empty' ? { kind: 'invalid', offset: pipe.pipeAt } : head, line, this.prompt().length);
    if (!isShowCommand(head.def)) return matchErrorLines({ kind: 'invalid', offset: pipe.pipeAt }, line, this.prompt().length);
    const modifier = matchLine(pipe.tail, modifierCommands());
    if (modifier.kind !== 'ok') {
      const error =
        modifier.kind === 'invalid'
          ? { ...modifier, offset: modifier.offset + pipe.pipeAt + 1 }
          : modifier.kind === 'empty'
            ? { kind: 'incomplete' as const }
            : modifier;
      return matchErrorLines(error, line, this.prompt().length);
    }
    const word = modifier.def.syntax[0]!.kind === 'keyword' ? modifier.def.syntax[0]!.word : 'include';
    return applyModifier(this.run(head.def, head.args, mode, line), word as OutputModifier, String(modifier.args.regex));
  }

  /**
   * IOS: a line a config sub-mode does not know is tried in the enclosing
   * modes; if one accepts it, the session leaves the sub-mode for that mode
   * and runs it there (`interface Tunnel1` typed in `config-if` switches
   * interface; `track 2 stub-object` typed in `config-track` starts track 2).
   */
  private matchInParentModes(line: string): { def: CommandDef; args: Args } | undefined {
    for (let depth = this.levels.length - 1; depth >= 1; depth--) {
      const parent = this.levels[depth - 1]!.mode;
      const result = matchLine(line, this.deviceCommands(parent));
      if (result.kind === 'ok') {
        this.levels.length = depth;
        return result;
      }
    }
    return undefined; // the error shown is the current mode's
  }

  private deviceCommands(mode: Mode): CommandDef[] {
    return this.options.device.commands().filter((def) => def.modes.includes(mode));
  }

  /** Everything typeable in `mode`: built-ins, the router's commands, and in config modes `do <exec command>`. */
  private candidates(mode: Mode): CommandDef[] {
    const own = [...builtinCommands(mode, this.controls), ...this.deviceCommands(mode)];
    const view = this.options.view;
    if (view) return own.filter((def) => viewAllows(view, def));
    if (!isConfigMode(mode)) return own;
    const execCommands = [...terminalCommands('exec', this.controls), ...this.deviceCommands('exec')];
    const viaDo = execCommands.map((def) => {
      const wrapper: CommandDef = { ...def, modes: [mode], syntax: [...kw('do'), ...def.syntax] };
      this.doTargets.set(wrapper, def);
      return wrapper;
    });
    return [...own, ...viaDo];
  }

  private run(def: CommandDef, args: Args, mode: Mode, line: string): string[] {
    const original = this.doTargets.get(def);
    const runMode = original ? 'exec' : mode;
    const level = this.levels.at(-1);
    try {
      const result = (original ?? def).handler(
        {
          mode: runMode,
          modeTarget: original ? undefined : level?.target,
          terminalWidth: this.terminalWidth,
          ...(this.options.view ? { view: this.options.view.name } : {}),
        },
        args,
      );
      const enter = result?.enter;
      if (enter && isConfigMode(runMode) && enter.mode.startsWith('config-')) this.enterMode(enter.mode, enter.target);
      if (result?.confirm) this.pendingConfirm = result.confirm;
      return outputLines(result?.output);
    } catch (error) {
      if (error instanceof CliError) return error.lines;
      this.options.log?.({ event: 'lab.cli.handler_failed', command: line, mode, error: String(error) });
      return INTERNAL_ERROR;
    }
  }

  /**
   * A sub-mode entered from within itself or a deeper one replaces that level
   * (`interface Tunnel1` typed in `config-if` is a sibling, and `exit` then
   * goes back to `config`, not to the previous interface).
   */
  private enterMode(mode: Mode, target: string | undefined): void {
    const same = this.levels.findIndex((level) => level.mode === mode);
    if (same >= 0) this.levels.length = same;
    this.levels.push({ mode, target });
  }

  private makeControls(): SessionControls {
    return {
      enable: () => {
        if (this.privileged) return;
        if (this.options.enableSecret === undefined) this.privileged = true;
        else this.secretTries = 0;
      },
      disable: () => {
        this.privileged = false;
      },
      logout: () => {
        this.closed = true;
      },
      configure: () => {
        this.levels = [{ mode: 'config' }];
      },
      exitLevel: () => {
        if (this.levels.length === 1) this.leaveConfiguration();
        else this.levels.pop();
      },
      endConfiguration: () => this.endConfiguration(),
      setLength: (lines) => {
        this.terminalLength = lines;
      },
      setWidth: (columns) => {
        this.terminalWidth = columns;
      },
      setMonitor: (on) => {
        this.monitoring = on;
      },
      describeTerminal: () => [`Length: ${this.terminalLength} lines, Width: ${this.terminalWidth} columns`].join('\n'),
    };
  }
}

/**
 * A handler's output as lines: '\n'-separated, a single trailing newline
 * ignored ("a\nb" and "a\nb\n" both print two lines; "a\n\n" prints a blank
 * line after "a", as IOS does after `show version`).
 */
export function outputLines(output: string | undefined): string[] {
  if (!output) return [];
  const lines = output.replace(/\r/g, '').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
