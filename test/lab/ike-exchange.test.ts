/**
 * One IKEv2 exchange as the initiator lives it (lab/router/dynamics/ike-exchange.ts),
 * pure: retransmissions on a doubling timer, a slow hub's late answer, a
 * cached answer to a late retransmission, a refusal, giving up.
 */
import { describe, expect, it } from 'vitest';
import {
  exchangeStatus,
  giveUpAfterSec,
  IOS_IKE_RETRANSMIT,
  retransmit,
  sendRequest,
  type CopyFate,
  type ExchangeStatus,
  type HubAnswer,
} from '../../lab/router/dynamics/ike-exchange.js';

const T = IOS_IKE_RETRANSMIT;
const ANSWERED: CopyFate = { reachedHub: true, answerDelivered: true, rttMs: 20 };
const LOST_OUT: CopyFate = { reachedHub: false, answerDelivered: false, rttMs: 20 };
const LOST_BACK: CopyFate = { reachedHub: true, answerDelivered: false, rttMs: 20 };
const PROMPT: HubAnswer = { delayMs: 0, refuses: false };

/** Plays an exchange sent at 0 from event to event: when each copy went, and how it ended. */
function play(fates: readonly CopyFate[], hub: HubAnswer): { sentAt: number[]; end: ExchangeStatus } {
  const fate = (i: number) => fates[Math.min(i, fates.length - 1)]!;
  let x = sendRequest(0, fate(0), hub, T);
  const sentAt = [0];
  for (;;) {
    const at = Math.min(x.answerAt ?? Infinity, x.nextTimerAt);
    const status = exchangeStatus(x, at, T);
    if (status.kind !== 'retransmit') return { sentAt, end: status };
    sentAt.push(x.nextTimerAt);
    x = retransmit(x, x.nextTimerAt, fate(x.copies), hub, T);
  }
}

describe('an IKEv2 exchange (IOS: first retransmission after 2 s, doubling, 5 retransmissions; unverified)', () => {
  it.each<[string, CopyFate[], HubAnswer, number[], ExchangeStatus]>([
    ['a prompt hub on a clean path: answered after one round trip', [ANSWERED], PROMPT, [0], { kind: 'answered', at: 20 }],
    [
      'a silent peer: 5 retransmissions, then the wait after the last runs out at 126 s',
      [LOST_OUT],
      PROMPT,
      [0, 2000, 6000, 14000, 30000, 62000],
      { kind: 'gave-up' },
    ],
    [
      'the request lost twice: the second retransmission is answered',
      [LOST_OUT, LOST_OUT, ANSWERED],
      PROMPT,
      [0, 2000, 6000],
      { kind: 'answered', at: 6020 },
    ],
    [
      'a hub 5 s slow: the retransmission at 2 s reaches it while it works and is absorbed; its answer to the first comes',
      [ANSWERED],
      { delayMs: 5000, refuses: false },
      [0, 2000],
      { kind: 'answered', at: 5020 },
    ],
    [
      'a hub 5 s slow whose answer is lost: the retransmission at 6 s gets the cached answer at once',
      [LOST_BACK, LOST_BACK, ANSWERED],
      { delayMs: 5000, refuses: false },
      [0, 2000, 6000],
      { kind: 'answered', at: 6020 },
    ],
    ['a draining hub: refused after its delay', [ANSWERED], { delayMs: 300, refuses: true }, [0], { kind: 'refused', at: 320 }],
    [
      'a hub slower than the initiator waits: it gives up first',
      [ANSWERED],
      { delayMs: 130_000, refuses: false },
      [0, 2000, 6000, 14000, 30000, 62000],
      { kind: 'gave-up' },
    ],
  ])('%s', (_name, fates, hub, sentAt, end) => {
    expect(play(fates, hub)).toEqual({ sentAt, end });
  });

  it('gives up 126 s after the request, and waits until its timer says', () => {
    expect(giveUpAfterSec(T)).toBe(126);
    const x = sendRequest(0, LOST_OUT, PROMPT, T);
    expect(exchangeStatus(x, 1999, T)).toEqual({ kind: 'waiting' });
    expect(exchangeStatus(x, 2000, T)).toEqual({ kind: 'retransmit' });
  });
});
