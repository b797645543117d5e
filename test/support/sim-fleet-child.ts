/**
 * The fleet simulator in a process of its own (sim-fleet-process.ts starts
 * it), so a thousand spokes' MQTT stacks use the other core instead of the
 * test's event loop. Options as JSON in argv[2]; prints one JSON line when
 * every spoke is connected with its outbox sent, stops on SIGTERM and prints
 * a last line once every spoke has closed.
 */
import { SimFleet, type SimFleetOptions } from '../../lab/fleet-sim/fleet.js';
import { tempDir } from './temp-dir.js';

type ChildOptions = Omit<SimFleetOptions, 'dir' | 'store'> & { rampMs: number };

const o = JSON.parse(process.argv[2] ?? '') as ChildOptions;
const tmp = tempDir('spokepilot-sim-fleet-');
const t0 = Date.now();
const fleet = new SimFleet({ ...o, dir: tmp.dir, store: 'memory' });
let stopping = false;
process.once('SIGTERM', () => {
  stopping = true;
  void fleet.stop().then(() => {
    tmp.cleanup();
    console.log(JSON.stringify({ stopped: true }));
    process.exit(0);
  });
});
await fleet.start(o.rampMs);
for (;;) {
  const c = fleet.counts();
  if (stopping) break;
  if (c.connected === o.nodes && c.outboxDepth === 0) {
    console.log(JSON.stringify({ ready: true, ms: Date.now() - t0, ...c }));
    break;
  }
  await new Promise((r) => setTimeout(r, 100));
}
