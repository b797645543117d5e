import { describe, expect, it } from 'vitest';
import { ActingFirstRouter } from '../../../agent/shell/act/acting-first.js';
import { RouterError, type RouterCli } from '../../../agent/ports/router-cli.js';

/** A vty that answers each command when the test says so, recording what reached it and how many at once. */
function heldVty() {
  const sent: string[] = [];
  const pending: (() => void)[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const take = <T>(label: string, value: T, fail = false): Promise<T> => {
    sent.push(label);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    return new Promise<T>((resolve, reject) =>
      pending.push(() => {
        inFlight--;
        if (fail) reject(new RouterError('ROUTER_CLI_ERROR', `refused ${label}`));
        else resolve(value);
      }),
    );
  };
  const vty: RouterCli = {
    show: (c) => take(c, `out of ${c}`),
    exec: (c) => take(c, '', c.includes('bogus')),
    configure: (lines) => take(`configure ${lines.join('; ')}`, undefined),
    close: () => Promise.resolve(),
  };
  const answerNext = async () => {
    pending.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { vty, sent, answerNext, maxInFlight: () => maxInFlight };
}

describe('ActingFirstRouter: a steer goes before the reads waiting for the vty', () => {
  it('acts queued behind reads are sent first; one command at a time; each caller gets its own answer', async () => {
    const v = heldVty();
    const router = new ActingFirstRouter(v.vty);
    const first = router.show('show ip sla statistics');
    const route = router.show('show ip route');
    const nhrp = router.show('show ip nhrp');
    const configure = router.configure(['route-map A permit 10', 'set local-preference 200']);
    const clear = router.exec('clear ip bgp 172.31.2.1 soft in');
    for (let i = 0; i < 5; i++) await v.answerNext();
    // The read already on the vty finishes; then the acts in their order, then the reads in theirs.
    expect(v.sent).toEqual([
      'show ip sla statistics',
      'configure route-map A permit 10; set local-preference 200',
      'clear ip bgp 172.31.2.1 soft in',
      'show ip route',
      'show ip nhrp',
    ]);
    expect(v.maxInFlight()).toBe(1);
    await expect(first).resolves.toBe('out of show ip sla statistics');
    await expect(route).resolves.toBe('out of show ip route');
    await expect(nhrp).resolves.toBe('out of show ip nhrp');
    await expect(configure).resolves.toBeUndefined();
    await expect(clear).resolves.toBe('');
  });

  it('a refused command rejects its own caller only; the queue goes on', async () => {
    const v = heldVty();
    const router = new ActingFirstRouter(v.vty);
    const refused = router.exec('clear bogus');
    const after = router.show('show track brief');
    const refusedSeen = expect(refused).rejects.toMatchObject({ code: 'ROUTER_CLI_ERROR' });
    await v.answerNext();
    await v.answerNext();
    await refusedSeen;
    await expect(after).resolves.toBe('out of show track brief');
  });
});
