/**
 * IOS output paging, pure. With `terminal length N` (N > 0) IOS prints N-1
 * lines and ` --More-- ` on the last row; at that prompt SPACE shows the next
 * page, RETURN one more line, and any other key ends the output.
 */
export type PagerStep = { lines: string[]; stopped: false } | { lines: []; stopped: true };

export class Pager {
  private shown = 0;

  constructor(
    private readonly lines: readonly string[],
    private readonly terminalLength: number,
  ) {}

  /** Lines per page: the last row of the screen holds ` --More-- `. */
  private get pageSize(): number {
    return this.terminalLength === 0 ? Infinity : Math.max(1, this.terminalLength - 1);
  }

  /** All lines are out: no ` --More-- ` needed. */
  get done(): boolean {
    return this.shown >= this.lines.length;
  }

  firstPage(): string[] {
    return this.take(this.pageSize);
  }

  /** The answer to ` --More-- `. */
  key(key: string): PagerStep {
    if (key === ' ') return { lines: this.take(this.pageSize), stopped: false };
    if (key === '\r' || key === '\n') return { lines: this.take(1), stopped: false };
    this.shown = this.lines.length;
    return { lines: [], stopped: true };
  }

  private take(count: number): string[] {
    const page = this.lines.slice(this.shown, this.shown + count);
    this.shown += page.length;
    return page;
  }
}
