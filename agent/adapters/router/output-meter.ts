import { RouterError } from '../../ports/router-cli.js';
import type { OutputLimit } from './output-limits.js';

/**
 * Counts what one command prints, as it streams in, against its limit. Output
 * is counted before it is kept, so a router printing without end (or a full
 * Internet table) costs at most one chunk beyond the limit, never the heap.
 */
export class OutputMeter {
  private bytes = 0;
  private lines = 0;

  constructor(
    private readonly limit: OutputLimit,
    private readonly command: string,
  ) {}

  /** Counts a chunk (latin1: one character per byte); returns the refusal once over the limit. */
  add(chunk: string): RouterError | undefined {
    this.bytes += chunk.length;
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) this.lines++;
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

  private check(): RouterError | undefined {
    if (this.bytes > this.limit.maxBytes) return tooLarge(this.command, `over ${this.limit.maxBytes} bytes`);
    if (this.lines > this.limit.maxLines) return tooLarge(this.command, `over ${this.limit.maxLines} lines`);
    return undefined;
  }
}

const tooLarge = (command: string, what: string) =>
  new RouterError('ROUTER_OUTPUT_TOO_LARGE', `"${command}" printed ${what} (the limit for this command); output dropped`, command);
