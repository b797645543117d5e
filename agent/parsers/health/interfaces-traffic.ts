import type { InterfaceCounters, InterfaceDetail } from '../../../proto/records/health.js';
import type { InterfaceContext, LineRule } from './interfaces-lines.js';

type CounterKey = keyof InterfaceCounters;

// Labels of the `N label, N label` counter lines. `bytes` is left out: it
// belongs to input or output depending on the line's first item.
const COUNTER_LABELS: Record<string, CounterKey> = {
  'packets input': 'packetsInput',
  'no buffer': 'noBuffer',
  runts: 'runts',
  giants: 'giants',
  throttles: 'throttles',
  'input errors': 'inputErrors',
  crc: 'crc',
  frame: 'frame',
  overrun: 'overrun',
  ignored: 'ignored',
  abort: 'abort',
  watchdog: 'watchdog',
  multicast: 'multicast',
  'pause input': 'pauseInput',
  'input packets with dribble condition detected': 'dribble',
  'packets output': 'packetsOutput',
  underruns: 'underruns',
  'output errors': 'outputErrors',
  collisions: 'collisions',
  'interface resets': 'interfaceResets',
  'unknown protocol drops': 'unknownProtocolDrops',
  babbles: 'babbles',
  'late collision': 'lateCollision',
  deferred: 'deferred',
  'lost carrier': 'lostCarrier',
  'no carrier': 'noCarrier',
  // `PAUSE output` in upper case on some switches (corpus: genieparser golden_output2).
  'pause output': 'pauseOutput',
  'output buffer failures': 'outputBufferFailures',
  'output buffers swapped out': 'outputBuffersSwappedOut',
  'carrier transitions': 'carrierTransitions',
  // Token Ring's count of the ring going up or down (`0 transitions`), its carrier transitions.
  transitions: 'carrierTransitions',
};

const COUNTER_ITEM = /^(\d+) ([A-Za-z][A-Za-z ]*)$/;
// IOS 12.x and serial interfaces open the input counters with the broadcasts:
// `Received 18786 broadcasts, 0 runts, 11 giants, 0 throttles` (later releases
// give broadcasts a line of their own, with the multicasts in parentheses).
const RECEIVED_ITEM = /^Received (\d+) broadcasts$/;

function counters(iface: InterfaceDetail): InterfaceCounters {
  return (iface.counters ??= {});
}

/**
 * A line made only of `N label` items separated by commas
 * (`0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored`); false when any
 * item is not a known counter, so nothing is set from a line we misread.
 */
export function counterLine(ctx: InterfaceContext, t: string): boolean {
  const items: Array<[CounterKey, number]> = [];
  let bytesKey: CounterKey | undefined;
  for (const part of t.split(/\s*,\s*/)) {
    const received = items.length === 0 ? RECEIVED_ITEM.exec(part) : null;
    if (received) {
      items.push(['broadcastsReceived', Number(received[1])]);
      continue;
    }
    const m = COUNTER_ITEM.exec(part);
    if (!m) return false;
    const label = m[2]!.toLowerCase();
    const value = Number(m[1]);
    if (label === 'bytes' && bytesKey !== undefined) {
      items.push([bytesKey, value]);
      continue;
    }
    const key = COUNTER_LABELS[label];
    if (!key) return false;
    if (key === 'packetsInput') bytesKey = 'bytesInput';
    if (key === 'packetsOutput') bytesKey = 'bytesOutput';
    items.push([key, value]);
  }
  const c = counters(ctx.iface);
  for (const [key, value] of items) c[key] = value;
  return true;
}

function queues(iface: InterfaceDetail) {
  return (iface.queues ??= {});
}

/** Queue, rate and broadcast lines (the comma-separated counters are `counterLine`). */
export const TRAFFIC_RULES: readonly LineRule[] = [
  [
    /^Input queue: (\d+)\/(\d+)\/(\d+)\/(\d+) \(size\/max\/drops\/flushes\)(?:; Total output drops: (\d+))?$/,
    ({ iface }, m) => {
      const q = queues(iface);
      [q.inputSize, q.inputMax, q.inputDrops, q.inputFlushes] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
      if (m[5] !== undefined) q.totalOutputDrops = Number(m[5]);
    },
  ],
  // Printed on its own line when the queue line is long (corpus: genieparser golden_output_5).
  [
    /^Total output drops: (\d+)$/,
    ({ iface }, m) => {
      queues(iface).totalOutputDrops = Number(m[1]);
    },
  ],
  [
    /^Queueing strategy: (.+)$/,
    ({ iface }, m) => {
      queues(iface).strategy = m[1]!;
    },
  ],
  // `Output queue: 0/40`; 12.0 prints no colon (`Output queue 0/40`), 12.2 one after a space
  // (`Output queue :0/40`) (ZipTie's 3620 and 2610 test captures, held-out round 7).
  [
    /^Output queue ?:? ?(\d+)\/(\d+) \(size\/max\)$/,
    ({ iface }, m) => {
      const q = queues(iface);
      [q.outputSize, q.outputMax] = [Number(m[1]), Number(m[2])];
    },
  ],
  // Weighted fair queueing (corpus: genieparser golden_output_1, Dialer1).
  [
    /^Output queue ?:? ?(\d+)\/(\d+)\/(\d+)\/(\d+) \(size\/max total\/threshold\/drops\)$/,
    ({ iface }, m) => {
      const q = queues(iface);
      [q.outputSize, q.outputMax, q.outputThreshold, q.outputDrops] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    },
  ],
  // Priority queueing (`priority-group`): the four queues' size/max/drops on the next line; the
  // output drops are their sum (IOS show interfaces field descriptions; ZipTie's 2610, held-out round 7).
  [/^Output queue \(queue priority: size\/max\/drops\):$/, () => undefined],
  [
    /^high: \d+\/\d+\/(\d+), medium: \d+\/\d+\/(\d+), normal: \d+\/\d+\/(\d+), low: \d+\/\d+\/(\d+)$/,
    ({ iface }, m) => {
      queues(iface).outputDrops = Number(m[1]) + Number(m[2]) + Number(m[3]) + Number(m[4]);
    },
  ],
  // Custom queueing (`custom-queue-list`): `Output queues: (queue #: size/max/drops)`, then
  // `0: 0/20/0 1: 0/20/0 ...` over as many lines as there are queues; the drops are summed.
  [/^Output queues: \(queue #: size\/max\/drops\)$/, () => undefined],
  [
    /^\d+: \d+\/\d+\/\d+(?: +\d+: \d+\/\d+\/\d+)*$/,
    ({ iface }, m) => {
      const q = queues(iface);
      for (const queue of m[0].matchAll(/\d+: \d+\/\d+\/(\d+)/g)) q.outputDrops = (q.outputDrops ?? 0) + Number(queue[1]);
    },
  ],
  [/^Conversations\s+\d+\/\d+\/\d+ \(active\/max active\/max total\)$/, () => undefined],
  [/^Reserved Conversations \d+\/\d+ \(allocated\/max allocated\)$/, () => undefined],
  [/^Available Bandwidth \d+ kilobits\/sec$/, () => undefined],
  [
    /^(\d+) (second|minute)s? (input|output) rate (\d+) bits\/sec, (\d+) packets\/sec$/,
    ({ iface }, m) => {
      const r = (iface.rates ??= {});
      r.intervalSec = Number(m[1]) * (m[2] === 'minute' ? 60 : 1);
      if (m[3] === 'input') {
        r.inputBitsPerSec = Number(m[4]);
        r.inputPacketsPerSec = Number(m[5]);
      } else {
        r.outputBitsPerSec = Number(m[4]);
        r.outputPacketsPerSec = Number(m[5]);
      }
    },
  ],
  // `Received 4173 broadcasts (0 IP multicasts)`, `... broadcasts(0 IP multicasts)`, `(535961 multicasts)`.
  [
    /^Received (\d+) broadcasts ?\((\d+) (?:IP )?multicasts\)$/,
    ({ iface }, m) => {
      const c = counters(iface);
      [c.broadcastsReceived, c.multicastsReceived] = [Number(m[1]), Number(m[2])];
    },
  ],
  [
    /^Output (\d+) broadcasts ?\((\d+) (?:IP )?multicasts\)$/,
    ({ iface }, m) => {
      const c = counters(iface);
      [c.broadcastsSent, c.multicastsSent] = [Number(m[1]), Number(m[2])];
    },
  ],
  // Pseudowire RX/TX blocks: `0 packets 0 bytes 0 drops`.
  [
    /^(\d+) packets (\d+) bytes (\d+) drops$/,
    (ctx, m) => {
      const c = counters(ctx.iface);
      if (ctx.pseudowireDirection === 'output') {
        [c.packetsOutput, c.bytesOutput, c.outputDrops] = [Number(m[1]), Number(m[2]), Number(m[3])];
      } else {
        [c.packetsInput, c.bytesInput, c.inputDrops] = [Number(m[1]), Number(m[2]), Number(m[3])];
      }
    },
  ],
];
