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
  /** Answers the command on the vty, then lets the event loop turn twice (reads wait a turn after an act). */
  const answerNext = async () => {
    pending.shift()?.();
    for (let i = 0; i < 2; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  };
  return { vty, sent, answerNext, maxInFlight: () => maxInFlight };
}

/** A few promise hops, as a caller's chain of awaits takes between one command's answer and the next command. */
const hops = async () => {
  for (let i = 0; i < 4; i++) await Promise.resolve();
};

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

  it('the reads named urgent go after the acts and before the other reads', async () => {
    const v = heldVty();
    const router = new ActingFirstRouter(v.vty, ['show track brief']);
    void router.show('show ip sla statistics');
    void router.show('show ip route');
    void router.show('show track brief');
    void router.exec('clear ip bgp 172.31.2.1 soft in');
    for (let i = 0; i < 4; i++) await v.answerNext();
    expect(v.sent).toEqual(['show ip sla statistics', 'clear ip bgp 172.31.2.1 soft in', 'show track brief', 'show ip route']);
  });

  it("a steer's next command, sent once the one before is answered, goes before the reads waiting", async () => {
    const v = heldVty();
    const router = new ActingFirstRouter(v.vty);
    const steer = (async () => {
      await router.configure(['route-map A permit 10']);
      await hops(); // the wrappers and the steering's own awaits in between
      await router.exec('clear ip bgp 172.31.2.1 soft in');
    })();
    void router.show('show ip interface brief');
    for (let i = 0; i < 3; i++) await v.answerNext();
    await steer;
    expect(v.sent).toEqual(['configure route-map A permit 10', 'clear ip bgp 172.31.2.1 soft in', 'show ip interface brief']);
  });

  it("a steer's next command goes before an urgent read waiting too", async () => {
    const v = heldVty();
    const router = new ActingFirstRouter(v.vty, ['show track brief']);
    const steer = (async () => {
      await router.configure(['route-map A permit 10']);
      await hops();
      await router.exec('clear ip bgp 172.31.2.1 soft in');
    })();
    void router.show('show track brief');
    for (let i = 0; i < 3; i++) await v.answerNext();
    await steer;
    expect(v.sent).toEqual(['configure route-map A permit 10', 'clear ip bgp 172.31.2.1 soft in', 'show track brief']);
  });

  it('the steer an urgent read calls for goes before the reads waiting', async () => {
    const v = heldVty();
    const router = new ActingFirstRouter(v.vty, ['show track brief']);
    const decide = (async () => {
      const tracks = await router.show('show track brief');
      await hops(); // parsed (inline, small), observed, the policy's step, the steer begun
      if (tracks.includes('track')) await router.configure(['route-map A permit 10']);
    })();
    void router.show('show ip interface brief');
    for (let i = 0; i < 3; i++) await v.answerNext();
    await decide;
    expect(v.sent).toEqual(['show track brief', 'configure route-map A permit 10', 'show ip interface brief']);
  });
});
