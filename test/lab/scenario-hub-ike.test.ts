/**
 * The two scenarios of a hub's IKE state, IOS alone on the default lab
 * configuration: a drained hub costs one move and one short outage; a hub
 * slow at IKE makes every re-establishment with it long.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../lab/scenario/load.js';
import { runScenarioNow } from '../../lab/scenario/runner.js';

const DIR = fileURLToPath(new URL('../../lab/scenarios/', import.meta.url));
const play = async (name: string) => runScenarioNow(await loadScenario(`${DIR}${name}.yaml`)).lines;
const secondOf = (line: string) => Number(/\+\s*([\d.]+)s/.exec(line)![1]);

describe('hub-drain', () => {
  it('one move to hub 2 when hub 1 clears its sessions, down no longer than the re-establishment, and none after the undrain', async () => {
    const lines = await play('hub-drain');
    const sessions = lines.filter((l) => l.includes('IKEv2 SA to'));
    expect(sessions.map((l) => l.replace(/^.*IKEv2 SA to /, ''))).toEqual([
      '198.51.100.1 DOWN (peer deleted the IKEv2 SA)',
      '203.0.113.1 UP',
    ]);
    expect(secondOf(sessions[0]!)).toBe(120);
    expect(secondOf(sessions[1]!) - secondOf(sessions[0]!)).toBeLessThanOrEqual(3);
    expect(lines.filter((l) => l.includes('failed'))).toEqual([
      expect.stringContaining('IKE negotiation with 198.51.100.1 failed (IKE_SA_INIT refused)'),
    ]);
  });
});

describe('hub-slow-ike', () => {
  it('each re-establishment with the slow hub keeps the tunnel down at least its two late answers (16 s)', async () => {
    const lines = await play('hub-slow-ike');
    const downs = lines.filter((l) => /IKEv2 SA to 198\.51\.100\.1 DOWN/.test(l)).map(secondOf);
    const ups = lines.filter((l) => /IKEv2 SA to 198\.51\.100\.1 UP/.test(l)).map(secondOf);
    expect(downs.length).toBeGreaterThanOrEqual(2); // the fibre goes, and the tunnel pivots back to it
    expect(ups).toHaveLength(downs.length);
    downs.forEach((down, i) => expect(ups[i]! - down).toBeGreaterThanOrEqual(16));
  });
});
