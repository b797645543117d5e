import type { RouterCli } from '../../agent/ports/router-cli.js';
import { mutateText, randomBytes } from './garbage.js';
import { pick, randomInt } from './random.js';

export type GarbleKind = 'bytes' | 'noise' | 'truncated' | 'mutated' | 'empty';

const NOISE = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ./:-,*[]()%#>';

/** Random printable lines that look like nothing IOS prints. */
function noise(rand: () => number): string {
  const lines: string[] = [];
  for (let i = 0, n = 1 + randomInt(rand, 40); i < n; i++) {
    let s = '';
    for (let j = 0, len = randomInt(rand, 120); j < len; j++) s += NOISE[randomInt(rand, NOISE.length)];
    lines.push(s);
  }
  return lines.join('\n');
}

/**
 * A router port whose show output is garbled while `garbling` is on: each show
 * command's real output (read from `inner`) is replaced by seeded random bytes,
 * random lines, a truncated copy, a mutated copy or nothing. Configuration and
 * exec commands pass through untouched.
 */
export class GarblingRouter implements RouterCli {
  garbling = false;
  /** Commands left alone while garbling. */
  spare: ReadonlySet<string> = new Set();
  /** When set, only these commands are garbled. */
  only: ReadonlySet<string> | undefined;
  readonly garbled: { command: string; kind: GarbleKind }[] = [];

  constructor(
    private readonly inner: RouterCli,
    private readonly rand: () => number,
    private readonly kinds: readonly GarbleKind[] = ['bytes', 'noise', 'truncated', 'mutated', 'empty'],
  ) {}

  async show(command: string): Promise<string> {
    const real = await this.inner.show(command);
    if (!this.garbling || this.spare.has(command) || (this.only && !this.only.has(command))) return real;
    const kind = pick(this.rand, this.kinds);
    this.garbled.push({ command, kind });
    switch (kind) {
      case 'bytes':
        return randomBytes(this.rand, randomInt(this.rand, 4096));
      case 'noise':
        return noise(this.rand);
      case 'truncated':
        return real.slice(0, randomInt(this.rand, real.length + 1));
      case 'mutated':
        return mutateText(this.rand, real);
      case 'empty':
        return '';
    }
  }

  configure(lines: readonly string[]): Promise<void> {
    return this.inner.configure(lines);
  }

  exec(command: string): Promise<string> {
    return this.inner.exec(command);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
