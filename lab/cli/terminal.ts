/**
 * The interactive side of a vty: line editing with echo, history, control
 * keys and ` --More-- ` paging, over any byte stream (the SSH shell channel).
 * The session decides what a line means; this class decides what the screen shows.
 */
import { Pager } from './pager.js';
import { MORE_ERASE, MORE_PROMPT } from './messages.js';
import { isConfigMode } from './builtins.js';
import type { CliSession } from './session.js';

export interface TerminalIo {
  write(text: string): void;
  /** The session is over: close the channel. */
  end(): void;
}

const CTRL_C = '\x03';
const CTRL_N = '\x0e';
const CTRL_P = '\x10';
const CTRL_U = '\x15';
const CTRL_W = '\x17';
const CTRL_Z = '\x1a';
const ESC = '\x1b';
/** IOS `terminal history size` default. */
const HISTORY_SIZE = 10;

export class InteractiveTerminal {
  private buffer = '';
  private pager: Pager | undefined;
  private closeAfterPaging = false;
  private ended = false;
  /** A CR was just seen: the LF of a CR LF pair is not a second Enter. */
  private afterCr = false;
  private escape = '';
  private readonly history: string[] = [];
  private historyIndex = 0;
  /** Unsubscribes from the router's log while `terminal monitor` is on. */
  private unwatchLog: (() => void) | undefined;
  /** Log lines that arrived while ` --More-- ` held the screen: shown when the output ends. */
  private heldLogLines: string[] = [];

  constructor(
    private readonly session: CliSession,
    private readonly io: TerminalIo,
  ) {}

  /** IOS greets an SSH login with an empty line, then the prompt. */
  start(banner?: string): void {
    this.io.write(`${banner ? toCrlf(banner) : ''}\r\n${this.session.prompt()}`);
  }

  /** The channel closed: stop copying the log here. */
  close(): void {
    this.ended = true;
    this.unwatchLog?.();
    this.unwatchLog = undefined;
  }

  input(data: string): void {
    for (const ch of data) {
      if (this.ended) return;
      const lfOfCrlf = ch === '\n' && this.afterCr;
      this.afterCr = ch === '\r';
      if (lfOfCrlf) continue;
      if (this.pager) this.pagerKey(ch);
      else this.editKey(ch);
    }
  }

  private editKey(ch: string): void {
    if (this.escape) return this.escapeKey(ch);
    switch (ch) {
      case '\r':
      case '\n':
        return this.submit();
      case '\x7f':
      case '\b':
        if (this.buffer.length === 0) return;
        this.buffer = this.buffer.slice(0, -1);
        return this.echo('\b \b');
      case CTRL_C:
        return this.interrupt();
      case CTRL_Z:
        return this.ctrlZ();
      case CTRL_U:
        return this.replaceLine('');
      case CTRL_W:
        return this.replaceLine(this.buffer.replace(/\S+\s*$/, ''));
      case CTRL_P:
        return this.recall(-1);
      case CTRL_N:
        return this.recall(1);
      case ESC:
        this.escape = ch;
        return;
      case '\t':
        return this.tab();
      case '?':
        if (!this.session.awaitingSecret) return this.help();
    }
    if (ch < ' ') return; // other control keys: ignored, as IOS ignores unbound ones
    this.buffer += ch;
    this.echo(ch);
  }

  /** ANSI sequences (`ESC [ A`): up and down arrows walk the history, the rest is swallowed. */
  private escapeKey(ch: string): void {
    this.escape += ch;
    if (this.escape.length === 2 && (ch === '[' || ch === 'O')) return;
    const final = this.escape.length > 2 && ch >= '@' && ch <= '~';
    if (!final && this.escape.length < 8) return;
    const sequence = this.escape;
    this.escape = '';
    if (sequence.endsWith('A')) this.recall(-1);
    else if (sequence.endsWith('B')) this.recall(1);
  }

  private submit(): void {
    const line = this.buffer;
    this.buffer = '';
    this.io.write('\r\n');
    if (!this.session.awaitingSecret && line.trim()) this.remember(line);
    const outcome = this.session.execute(line);
    this.syncMonitor();
    this.show(outcome.lines, outcome.closed);
  }

  /** IOS echoes the `?`, prints the help, then the prompt and the line as typed, cursor at its end. */
  private help(): void {
    this.io.write('?\r\n');
    this.writeLines(this.session.help(this.buffer));
    this.io.write(`${this.session.prompt()}${this.buffer}`);
  }

  /** A unique completion is typed in for the user; otherwise IOS redraws the line on a new row. */
  private tab(): void {
    if (this.session.awaitingSecret) return;
    const completed = this.session.complete(this.buffer);
    if (completed === undefined) {
      this.io.write(`\r\n${this.session.prompt()}${this.buffer}`);
    } else if (completed.startsWith(this.buffer)) {
      this.echo(completed.slice(this.buffer.length));
      this.buffer = completed;
    } else {
      this.replaceLine(completed); // `SH` completes to `show `: the typed word is rewritten
    }
  }

  /**
   * A log line under `terminal monitor`, written where the cursor is, as a
   * vty without `logging synchronous` does: the prompt is not redrawn.
   */
  private logLine(line: string): void {
    if (this.ended) return;
    if (this.pager) this.heldLogLines.push(line);
    else this.io.write(`\r\n${line}\r\n`);
  }

  private syncMonitor(): void {
    if (this.session.monitoring && !this.unwatchLog && !this.ended) {
      this.unwatchLog = this.session.watchLog((line) => this.logLine(line));
    } else if (!this.session.monitoring && this.unwatchLog) {
      this.unwatchLog();
      this.unwatchLog = undefined;
    }
  }

  private interrupt(): void {
    this.buffer = '';
    this.session.interrupt();
    this.io.write(`^C\r\n${this.session.prompt()}`);
  }

  /** IOS: Ctrl-Z in configuration mode runs what is on the line, then ends configuration. */
  private ctrlZ(): void {
    if (!isConfigMode(this.session.mode())) return;
    const line = this.buffer;
    this.buffer = '';
    this.io.write('^Z\r\n');
    const lines = line.trim() ? this.session.execute(line).lines : [];
    this.session.endConfiguration();
    this.show(lines, false);
  }

  /** Prints output through the pager, then the next prompt (or closes). */
  private show(lines: string[], close: boolean): void {
    const pager = new Pager(lines, this.session.terminalLength);
    this.writeLines(pager.firstPage());
    if (pager.done) return this.finish(close);
    this.pager = pager;
    this.closeAfterPaging = close;
    this.io.write(MORE_PROMPT);
  }

  private pagerKey(key: string): void {
    const pager = this.pager!;
    this.io.write(MORE_ERASE);
    const step = pager.key(key);
    this.writeLines(step.lines);
    if (!pager.done) {
      this.io.write(MORE_PROMPT);
      return;
    }
    this.pager = undefined;
    this.finish(this.closeAfterPaging);
  }

  private finish(close: boolean): void {
    if (close) {
      this.close();
      this.io.end();
      return;
    }
    this.writeLines(this.heldLogLines.splice(0));
    this.io.write(this.session.prompt());
  }

  private writeLines(lines: readonly string[]): void {
    if (lines.length > 0) this.io.write(lines.map((l) => `${l}\r\n`).join(''));
  }

  private echo(text: string): void {
    if (!this.session.awaitingSecret) this.io.write(text);
  }

  private replaceLine(text: string): void {
    const n = this.buffer.length;
    this.echo('\b'.repeat(n) + ' '.repeat(n) + '\b'.repeat(n) + text);
    this.buffer = text;
  }

  private remember(line: string): void {
    if (this.history.at(-1) !== line) this.history.push(line);
    if (this.history.length > HISTORY_SIZE) this.history.shift();
    this.historyIndex = this.history.length;
  }

  private recall(direction: -1 | 1): void {
    if (this.session.awaitingSecret) return;
    const index = this.historyIndex + direction;
    if (index < 0 || index > this.history.length) return;
    this.historyIndex = index;
    this.replaceLine(this.history[index] ?? '');
  }
}

function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
