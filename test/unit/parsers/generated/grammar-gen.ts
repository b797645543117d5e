import { seededRandom } from '../../../support/random.js';

/**
 * Building blocks for generated-variant property tests (issue 18 item 3): a
 * seeded source of random but valid pieces of IOS output. Every test builds its
 * command's lines from the documented line kinds and checks the parser reads
 * back exactly what it generated.
 */
export class Gen {
  readonly rand: () => number;
  constructor(seed: number) {
    this.rand = seededRandom(seed);
  }
  int(below: number): number {
    return Math.floor(this.rand() * below);
  }
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.rand() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  ipv4(): string {
    return `${this.between(1, 223)}.${this.int(256)}.${this.int(256)}.${this.between(1, 254)}`;
  }
  /** An interface name of any platform IOS / IOS-XE runs on, full spelling. */
  interfaceName(): string {
    const slot = () => this.int(3);
    return this.pick<() => string>([
      () => `GigabitEthernet${this.int(2)}/${this.int(3)}/${this.int(8)}`,
      () => `GigabitEthernet${this.int(9)}`,
      () => `GigabitEthernet${slot()}/${this.int(48)}`,
      () => `TenGigabitEthernet${slot()}/${slot()}/${this.int(8)}`,
      () => `TwoGigabitEthernet1/0/${this.between(1, 48)}`,
      () => `TwentyFiveGigE1/0/${this.between(1, 24)}`,
      () => `FortyGigabitEthernet1/1/${this.between(1, 2)}`,
      () => `HundredGigE1/0/${this.between(49, 52)}`,
      () => `AppGigabitEthernet1/0/1`,
      () => `FastEthernet${this.int(10)}`,
      () => `Ethernet${slot()}/${this.int(4)}`,
      () => `Cellular0/${this.int(3)}/0`,
      () => `Dialer${this.between(1, 9)}`,
      () => `Serial0/${this.int(2)}/${this.int(2)}:0`,
      () => `Tunnel${this.between(0, 2000)}`,
      () => `Virtual-Access${this.between(1, 40)}`,
      () => `Port-channel${this.between(1, 64)}`,
      () => `Vlan${this.between(1, 4094)}`,
      () => `Loopback${this.int(100)}`,
      () => `Wlan-GigabitEthernet0`,
      () => `Embedded-Service-Engine0/0`,
      () => `BDI${this.between(1, 100)}`,
      () => `VirtualPortGroup0`,
      // IR1101 / IR1800 / IR829 and IOS-XE virtual kinds.
      () => `Async0/${this.int(3)}/0`,
      () => `Virtual-Template${this.between(1, 20)}`,
      () => `NVI0`,
      () => `LISP0`,
      () => `BRI0/${this.int(2)}:${this.between(1, 2)}`,
      () => `GigabitEthernet0/0/${this.int(4)}.${this.between(2, 4094)}`,
    ])();
  }
  /** IOS's age spellings: `00:03:05`, `1d02h`, `3w4d`. */
  age(): { text: string; sec: number } {
    return this.pick<() => { text: string; sec: number }>([
      () => {
        const h = this.int(24),
          m = this.int(60),
          s = this.int(60);
        return { text: `${pad2(h)}:${pad2(m)}:${pad2(s)}`, sec: h * 3600 + m * 60 + s };
      },
      () => {
        const d = this.between(1, 6),
          h = this.int(24);
        return { text: `${d}d${pad2(h)}h`, sec: d * 86400 + h * 3600 };
      },
      () => {
        const w = this.between(1, 50),
          d = this.int(7);
        return { text: `${w}w${d}d`, sec: w * 604800 + d * 86400 };
      },
    ])();
  }
}

/** The fields of `record` that `want` names, to compare with `want`: a generator states what it printed, not every field. */
export function fieldsOf(record: object, want: object): Record<string, unknown> {
  return Object.fromEntries(Object.keys(want).map((k) => [k, (record as Record<string, unknown>)[k]]));
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Left-justifies `cells` into columns starting at `starts` (a cell longer than its column pushes the rest right by one space, as IOS does). */
export function columns(cells: readonly string[], starts: readonly number[]): string {
  let line = '';
  cells.forEach((cell, i) => {
    const at = starts[i]!;
    line = line.length < at ? line.padEnd(at) : i === 0 ? line : `${line} `;
    line += cell;
  });
  return line;
}

/** `ip netmask-format`: how a session prints a mask after an address. */
export type NetmaskFormat = 'bitcount' | 'decimal' | 'hexadecimal';
export const NETMASK_FORMATS: readonly NetmaskFormat[] = ['bitcount', 'decimal', 'hexadecimal'];

/** `10.0.0.0/24`, `10.0.0.0 255.255.255.0` or `10.0.0.0 0xFFFFFF00`, as `ip netmask-format` prints `address`/`length`. */
export function withMask(address: string, length: number, format: NetmaskFormat): string {
  if (format === 'bitcount') return `${address}/${length}`;
  const value = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  if (format === 'hexadecimal') return `${address} 0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
  return `${address} ${[24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.')}`;
}
