import { RouterError } from '../../ports/router-cli.js';
import { startsRoute } from '../../core/route-lines.js';
import type { OutputLimit } from './output-limits.js';

/**
 * Counts what one command prints, as it streams in, against its limit. Output
 * is counted before it is kept, so a router printing without end (or a full
 * Internet table) costs at most one chunk beyond the limit, never the heap.
 */
export class OutputMeter {
  private bytes = 0;
  private lines = 0;
  private entries = 0;
  /** The last chunk ended a line: the next one's first character starts one. */
  private atLineStart = true;

  constructor(
    private readonly limit: OutputLimit,
    private readonly command: string,
  ) {}

  /** Counts a chunk (latin1: one character per byte); returns the refusal once over the limit. */
  add(chunk: string): RouterError | undefined {
    this.bytes += chunk.length;
    if (this.limit.maxEntries === undefined) {
      for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) this.lines++;
      return this.check();
    }
    if (this.atLineStart && chunk.length > 0) this.countStart(chunk.charCodeAt(0));
    this.atLineStart = false;
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) {
      this.lines++;
      if (i + 1 < chunk.length) this.countStart(chunk.charCodeAt(i + 1));
      else this.atLineStart = true;
    }
    return this.check();
  }

  /**
   * A --More-- page counts as a line: a router that pages forever (or pages
   * with no newline at all) is bounded by the line limit like any other output.
   */
  addPage(): RouterError | undefined {
    this.lines++;
    return this.check();
  }

  private countStart(c: number): void {
    if (startsRoute(c)) this.entries++;
  }

  private check(): RouterError | undefined {
    if (this.limit.maxEntries !== undefined && this.entries > this.limit.maxEntries)
      return tooLarge(this.command, `over ${this.limit.maxEntries} routes (lines not indented)`);
    if (this.bytes > this.limit.maxBytes) return tooLarge(this.command, `over ${this.limit.maxBytes} bytes`);
    if (this.lines > this.limit.maxLines) return tooLarge(this.command, `over ${this.limit.maxLines} lines`);
    return undefined;
  }
}

const tooLarge = (command: string, what: string) =>
  new RouterError('ROUTER_OUTPUT_TOO_LARGE', `"${command}" printed ${what} (the limit for this command); output dropped`, command);
