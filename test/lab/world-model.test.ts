import { describe, expect, it } from 'vitest';
import { ManualClock, ScaledClock } from '../../lab/world/clock.js';
import { SeededRandom } from '../../lab/world/random.js';
import { World, INTERNET } from '../../lab/world/world.js';
import { defaultWorldSpec } from '../../lab/world/default-world.js';

describe('ManualClock', () => {
  it('fires timers in time order, ties in creation order, including timers set while firing', () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.setTimer(() => fired.push('b'), 2000);
    clock.setTimer(() => {
      fired.push('a');
      clock.setTimer(() => fired.push('a+500'), 500);
    }, 1000);
    clock.setTimer(() => fired.push('c'), 2000);
    const cancel = clock.setTimer(() => fired.push('never'), 1500);
    cancel();
    clock.advance(1999);
    expect(fired).toEqual(['a', 'a+500']);
    expect(clock.now()).toBe(1999);
    clock.advance(1);
    expect(fired).toEqual(['a', 'a+500', 'b', 'c']);
  });
});

describe('ScaledClock', () => {
  it('runs lab time faster than the host clock', async () => {
    const clock = new ScaledClock(100, 0);
    const at = await new Promise<number>((resolve) => clock.setTimer(() => resolve(clock.now()), 1000));
    expect(at).toBeGreaterThanOrEqual(900);
    clock.clearAll();
  });

  it('rejects a speed that is not positive', () => {
    expect(() => new ScaledClock(0)).toThrow(RangeError);
  });
});

describe('SeededRandom', () => {
  it('gives the same stream for the same seed and independent forks', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(new SeededRandom(42).fork('sla').next()).not.toBe(new SeededRandom(42).fork('ike').next());
    expect(new SeededRandom(1).hex(16)).toMatch(/^[0-9A-F]{16}$/);
  });
});

describe('World', () => {
  const rng = () => new SeededRandom(7);

  it('measures RTT as latency ± jitter on a healthy path', () => {
    const w = new World(defaultWorldSpec());
    const r = rng();
    for (let i = 0; i < 50; i++) {
      const p = w.probe('GigabitEthernet0/0', '198.51.100.1', r);
      expect(p.delivered).toBe(true);
      expect(p.rttMs).toBeGreaterThanOrEqual(10);
      expect(p.rttMs).toBeLessThanOrEqual(14);
    }
  });

  it('loses nothing through a cut WAN, a dead hub or a down path; anchors use the internet path', () => {
    const w = new World(defaultWorldSpec());
    expect(w.targetOf('8.8.8.8')).toBe(INTERNET);
    w.setHubUp('hub1', false);
    expect(w.reachable('GigabitEthernet0/0', '198.51.100.1')).toBe(false);
    expect(w.reachable('GigabitEthernet0/0', '8.8.8.8')).toBe(true);
    w.setPath('Cellular0/1/0', 'hub2', { up: false });
    expect(w.reachable('Cellular0/1/0', '203.0.113.1')).toBe(false);
    w.setWanUp('GigabitEthernet0/0', false);
    expect(w.probe('GigabitEthernet0/0', '8.8.8.8', rng()).delivered).toBe(false);
  });

  it('gives an anchor named by its address a path of its own, which `internet` and `*` still change', () => {
    const w = new World(defaultWorldSpec());
    w.setPath('GigabitEthernet0/0', '8.8.8.8', { up: false });
    expect(w.targetOf('8.8.8.8')).toBe('8.8.8.8');
    expect(w.reachable('GigabitEthernet0/0', '8.8.8.8')).toBe(false);
    expect(w.reachable('GigabitEthernet0/0', '1.1.1.1')).toBe(true);
    expect(w.path('Cellular0/1/0', '8.8.8.8').up).toBe(true);
    w.setPath('GigabitEthernet0/0', INTERNET, { latencyMs: 300 });
    expect(w.path('GigabitEthernet0/0', '8.8.8.8').latencyMs).toBe(300);
    w.setPath('GigabitEthernet0/0', '*', { up: true });
    expect(w.reachable('GigabitEthernet0/0', '8.8.8.8')).toBe(true);
    expect(() => w.setPath('GigabitEthernet0/0', '8.8.8', {})).toThrow(/unknown path target/);
  });

  it('drops about the configured share of packets', () => {
    const w = new World(defaultWorldSpec());
    w.setPath('GigabitEthernet0/0', '*', { lossPct: 30 });
    const r = rng();
    let lost = 0;
    for (let i = 0; i < 2000; i++) if (!w.probe('GigabitEthernet0/0', '8.8.8.8', r).delivered) lost++;
    expect(lost / 2000).toBeGreaterThan(0.25);
    expect(lost / 2000).toBeLessThan(0.35);
  });

  it('refuses unknown names', () => {
    const w = new World(defaultWorldSpec());
    expect(() => w.setWanUp('Dialer1', false)).toThrow(/unknown WAN/);
    expect(() => w.setHubUp('hub9', false)).toThrow(/unknown hub/);
    expect(() => w.setPath('GigabitEthernet0/0', 'hub9', {})).toThrow(/unknown path target/);
  });
});
