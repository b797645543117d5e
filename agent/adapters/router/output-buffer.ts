import type { RouterError } from '../../ports/router-cli.js';
import { MORE } from './ios-output.js';
import type { OutputLimit } from './output-limits.js';
import { OutputMeter } from './output-meter.js';

/** Longer than any prompt with the newline before it (hostnames are at most 63 characters). */
const TAIL_CHARS = 256;

/**
 * What IOS printed since the last command: the chunks as they came, and their
 * last few hundred characters, where a prompt or --More-- shows. Testing the
 * whole text on every chunk made a 100,000-route table (6 MB in ~200 chunks)
 * cost the main thread a gigabyte of copies; joined once, it is one flat string.
 * Counted against the command's limit before anything is kept: once over it,
 * everything is let go and nothing more is kept (`overflow` says why).
 */
export class OutputBuffer {
  private chunks: string[] = [];
  private length = 0;
  private last = '';
  private meter: OutputMeter;
  overflow: RouterError | undefined;

  constructor(limit: OutputLimit, command: string) {
    this.meter = new OutputMeter(limit, command);
  }

  /** A new command: empty, and counted against its own limit. */
  reset(limit: OutputLimit, command: string): void {
    this.chunks = [];
    this.length = 0;
    this.last = '';
    this.overflow = undefined;
    this.meter = new OutputMeter(limit, command);
  }

  /** False once the output is over its limit (the chunk is not kept). */
  push(chunk: string): boolean {
    if (this.overflow) return false;
    this.overflow = this.meter.add(chunk);
    if (this.overflow) {
      this.chunks = []; // let the heap have it back now, not when the session is gone
      return false;
    }
    this.chunks.push(chunk);
    this.length += chunk.length;
    this.last = chunk.length >= TAIL_CHARS ? chunk.slice(-TAIL_CHARS) : (this.last + chunk).slice(-TAIL_CHARS);
    return true;
  }

  /**
   * The end of the output. Cut from a longer output, it starts with NUL, so
   * the cut is never read as the start of a line (and of a prompt).
   */
  get tail(): string {
    return this.length > this.last.length ? `\0${this.last}` : this.last;
  }

  /**
   * Takes a --More-- off the end, as the pager's prompt is not output. Only the
   * last chunks are touched: rejoining the whole output on every page made an
   * endless pager cost a core (quadratic). Each page counts as a line.
   */
  dropMore(): boolean {
    const m = MORE.exec(this.last);
    if (!m) return true;
    this.last = this.last.slice(0, m.index);
    let cut = m[0].length;
    this.length -= cut;
    while (cut > 0) {
      const c = this.chunks.pop()!;
      if (c.length > cut) this.chunks.push(c.slice(0, c.length - cut));
      cut -= Math.min(cut, c.length);
    }
    this.overflow = this.meter.addPage();
    if (this.overflow) this.chunks = [];
    return !this.overflow;
  }

  text(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join('')];
    return this.chunks[0] ?? '';
  }
}
