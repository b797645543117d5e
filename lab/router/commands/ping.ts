/**
 * `ping A.B.C.D [repeat N] [source IF]`: ICMP echoes along the path IP SLA's
 * icmp-echo would take (probe-path.ts), each judged by the world's
 * reachability, loss and RTT at this instant. IOS 15's output: `!` per
 * reply, `.` per 2-second timeout, 70 to a row, then the success rate with
 * min/avg/max (avg by integer division, as IOS prints it). The lab answers at
 * once instead of taking the round trips' time.
 */
import { kw, type CommandDef, type Mode, type Token } from '../../cli/grammar.js';
import { SeededRandom } from '../../world/random.js';
import { interfaceAddress, type RouterModel } from '../model.js';
import { probePath } from '../probe-path.js';
import { num, str } from './common.js';

const TIMEOUT_MS = 2000;
const MARKS_PER_ROW = 70;
const MODES: readonly Mode[] = ['user', 'exec'];

/** Pings draw from their own stream, so an engineer's ping does not shift the seeded IP SLA results. */
const pingRandom = new WeakMap<RouterModel, SeededRandom>();

export interface PingResult {
  marks: string;
  rttsMs: number[];
}

export function sendPings(m: RouterModel, destination: string, count: number, source?: string): PingResult {
  let rng = pingRandom.get(m);
  if (!rng) pingRandom.set(m, (rng = m.rng.sla.fork('ping')));
  const path = probePath(m, source, destination, 'icmp');
  let marks = '';
  const rttsMs: number[] = [];
  for (let i = 0; i < count; i++) {
    const reply = path.kind === 'wire' ? m.world.probe(path.wan, path.address, rng, path.traffic) : { delivered: false, rttMs: 0 };
    const ok = reply.delivered && reply.rttMs <= TIMEOUT_MS;
    marks += ok ? '!' : '.';
    if (ok) rttsMs.push(reply.rttMs);
  }
  return { marks, rttsMs };
}

export function pingReport(destination: string, count: number, result: PingResult, sourceAddress?: string): string {
  const rows = result.marks.match(new RegExp(`.{1,${MARKS_PER_ROW}}`, 'g')) ?? [];
  const ok = result.rttsMs.length;
  const rate = `Success rate is ${Math.floor((100 * ok) / count)} percent (${ok}/${count})`;
  const rtt =
    ok === 0
      ? ''
      : `, round-trip min/avg/max = ${Math.min(...result.rttsMs)}/${Math.floor(result.rttsMs.reduce((a, b) => a + b, 0) / ok)}/${Math.max(...result.rttsMs)} ms`;
  return [
    'Type escape sequence to abort.',
    `Sending ${count}, 100-byte ICMP Echos to ${destination}, timeout is 2 seconds:`,
    ...(sourceAddress ? [`Packet sent with a source address of ${sourceAddress} `] : []),
    ...rows,
    rate + rtt,
  ].join('\n');
}

export function pingCommands(m: RouterModel): CommandDef[] {
  const target: Token = { kind: 'ipv4', name: 'destination' };
  const repeat: Token[] = [...kw('repeat'), { kind: 'number', name: 'repeat', min: 1, max: 100000 }];
  const source: Token[] = [...kw('source'), { kind: 'interface', name: 'source' }];
  const forms: Token[][] = [[], repeat, source, [...repeat, ...source], [...source, ...repeat]];
  return forms.map((tail) => ({
    modes: MODES,
    syntax: [...kw('ping'), target, ...tail],
    handler: (_ctx, args) => {
      const destination = str(args, 'destination');
      const count = args.repeat === undefined ? 5 : num(args, 'repeat');
      const from = args.source === undefined ? undefined : str(args, 'source');
      const sourceAddress = from === undefined ? undefined : interfaceAddress(m, from)?.address;
      const usable =
        from === undefined ||
        (m.config.interfaces.has(from) && sourceAddress !== undefined && m.rt.interfaces.get(from)?.protocolUp === true);
      if (!usable) return { output: '% Invalid source interface - IP not enabled or interface is down' };
      return { output: pingReport(destination, count, sendPings(m, destination, count, from), sourceAddress) };
    },
  }));
}
