/**
 * `npm run bench [-- group ...]`: runs benchmark groups and prints one JSON line
 * per figure: {"metric": NAME, "value": NUMBER, "unit": UNIT}. Figures are
 * measured here, never asserted as timed tests.
 */
import type { BenchGroup } from './metric.js';
import { mqttBench } from './groups/mqtt.js';
import { footprintBench } from './groups/footprint.js';
import { parseBench } from './groups/parse.js';
import { storeBench } from './groups/store.js';
import { failoverBench } from './groups/failover.js';
import { classesBench } from './support/classes-bench.js';
import { cliBench } from './groups/cli.js';
import { dashboardBench } from './groups/dashboard.js';
import { fleetBench } from './groups/fleet.js';
import { dualCloudBench } from './groups/dual-cloud.js';

const GROUPS: Record<string, BenchGroup> = {
  parse: parseBench,
  store: storeBench,
  footprint: footprintBench,
  mqtt: mqttBench,
  failover: failoverBench,
  classes: () => classesBench(),
  cli: cliBench,
  dashboard: dashboardBench,
  fleet: fleetBench,
  'dual-cloud': dualCloudBench,
};

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = requested.filter((g) => !(g in GROUPS));
if (unknown.length > 0) {
  console.error(`unknown bench group(s): ${unknown.join(', ')}; available: ${Object.keys(GROUPS).join(', ')}`);
  process.exit(2);
}
// The failover group plays the dual-cloud and classes scenarios too: asked for both (or for every group), they run once.
const groups = requested.length > 0 ? requested : Object.keys(GROUPS);
for (const name of groups.filter((g) => !((g === 'dual-cloud' || g === 'classes') && groups.includes('failover')))) {
  for await (const m of GROUPS[name]!()) console.log(JSON.stringify(m));
}
