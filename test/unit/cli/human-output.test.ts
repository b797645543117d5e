import { describe, expect, it } from 'vitest';
import type { DecisionPayload } from '../../../proto/payloads.js';
import { decisionLine, pathRepairSentence, reasonSentence } from '../../../agent/cli/human/reasons.js';
import { journalLine } from '../../../agent/cli/human/journal-text.js';
import { statusText } from '../../../agent/cli/human/status-text.js';
import { duration, localTime, relative, when } from '../../../agent/cli/human/time.js';
import { driftState, events, EXAMPLES, state } from '../proto/examples.js';

const NOW = new Date(2026, 10, 23, 14, 5, 11).getTime(); // local time, whatever the machine's zone

describe('times for a person', () => {
  it('local clock and how long ago; the date only when it is not today', () => {
    expect(when(NOW - 3 * 60_000, NOW)).toBe('14:02:11 (3 min ago)');
    expect(localTime(new Date(2026, 10, 20, 9, 1, 2).getTime(), NOW)).toBe('2026-11-20 09:01:02');
    expect(relative(NOW + 7200_000, NOW)).toBe('in 2 h');
    expect(relative(NOW - 500, NOW)).toBe('just now');
    expect([duration(45), duration(3725), duration(3 * 86_400 + 4 * 3600)]).toEqual(['45 s', '1 h 2 min', '3 d 4 h']);
  });
});

describe('service-class reasons in words', () => {
  it('names the failed class with its measure and level, and the best of the worst with its ratios', () => {
    expect(
      reasonSentence(
        {
          code: 'class-noncompliant',
          candidate: 'fibre-hub1',
          failed: [{ class: 'voice', breaches: [{ metric: 'jitterMs', value: 41.5, threshold: 30 }] }],
        },
        NOW,
      ),
    ).toBe(
      'fibre-hub1 fails critical class voice (jitter 41.5 ms over 30 ms): moved to the most preferred path that meets every critical class',
    );
    expect(
      reasonSentence(
        { code: 'class-best-of-worst', candidate: 'lte-hub1', excess: 1.2, over: 'fibre-hub1', overExcess: 2.6, bandPct: 25 },
        NOW,
      ),
    ).toContain('lte-hub1 is the least far from them (worst measure 1.2x its level, against 2.6x on fibre-hub1');
  });
});

describe('reasons in words', () => {
  const decisions: DecisionPayload[] = [
    ...events.flatMap((e) => (e.kind === 'decision' ? [e.decision] : [])),
    ...(state.lastDecision ? [state.lastDecision] : []),
  ];

  it('every reason code in the contract examples is a sentence, never the raw code or its JSON', () => {
    const codes = new Set(decisions.map((d) => d.reason.code));
    // The examples hold every code; the mapped SENTENCES table makes a new code without words a compile error.
    expect(codes.size).toBe(14);
    for (const d of decisions) {
      const text = reasonSentence(d.reason, NOW);
      expect(text, d.reason.code).not.toMatch(/cannot put in words|[{}"]/);
    }
  });

  it('every path repair reason in the contract examples is a sentence, and the journal says it', () => {
    const repairs = events.flatMap((e) => (e.kind === 'drift' && e.reason ? [e.reason] : []));
    expect(new Set(repairs.map((r) => r.code)).size).toBe(3);
    for (const r of repairs) expect(pathRepairSentence(r, NOW), r.code).not.toMatch(/cannot put in words|[{}"]/);
    const sent = repairs.find((r) => r.code === 'path-reselect')!;
    expect(pathRepairSentence(sent, NOW)).toMatch(
      /stayed on hub 192\.0\.2\.2 while fibre-hub1 \(hub 192\.0\.2\.1\) is good since .* intended for over 1 min: the agent clears hub 192\.0\.2\.2's IKEv2 SA .*\(attempt 1\)/,
    );
    const failed = repairs.find((r) => r.code === 'path-reselect-failed')!;
    expect(pathRepairSentence({ ...failed, retryAtMs: NOW + 120_000 }, NOW)).toMatch(
      /came back on hub 192\.0\.2\.2, not fibre-hub1 .*next try 14:07:11 \(in 2 min\)/,
    );
    expect(journalLine({ tsMs: NOW, kind: 'path-repair', subject: 'fibre-hub1', data: sent }, NOW)).toContain(
      "clears hub 192.0.2.2's IKEv2 SA",
    );
  });

  it('says what an example decision did and why', () => {
    const preempt = decisionLine(
      {
        ...state.lastDecision!,
        atMs: NOW,
        reason: { code: 'preempt', candidate: 'fibre-hub1', over: 'lte-hub1', goodSinceMs: NOW - 360_000, preemptDelaySec: 300 },
      },
      NOW,
    );
    expect(preempt).toMatch(
      /fibre-hub1 is preferred over lte-hub1 and has been good since 13:59:11 \(6 min ago\), longer than the 5 min preemption delay/,
    );
    const dry = decisionLine(
      {
        atMs: NOW,
        action: 'switch',
        from: 'a',
        to: 'b',
        dryRun: true,
        reason: {
          code: 'current-bad',
          candidate: 'a',
          sinceMs: NOW - 20_000,
          cause: { kind: 'quality', breaches: [{ metric: 'lossPct', value: 30, threshold: 5 }] },
        },
      },
      NOW,
    );
    expect(dry).toBe('switch a -> b [dry-run: not applied]: a went bad at 14:04:51 (20 s ago): loss 30 % over the 5 % threshold');
    expect(reasonSentence({ code: 'some-future-code' } as never, NOW)).toMatch(/cannot put in words/);
  });
});

describe('status and journal for a person', () => {
  it('marks dry-run, shows the override with its expiry, MQTT and the outbox, degradations in words', () => {
    const text = statusText(
      {
        site: 's1',
        node: 'n1',
        uptimeSec: 3700,
        health: {
          status: 'degraded',
          degraded: [
            {
              component: 'router',
              code: 'ROUTER_AUTH_FAILED',
              message: 'All configured authentication methods failed',
              sinceMs: NOW - 60_000,
            },
          ],
        },
        state: { ...state, mode: 'dry-run', override: { source: 'Cellular0/1/0', by: 'ops-1', untilMs: NOW + 1800_000 } },
        mqtt: { connected: false, outboxDepth: 12 },
      },
      NOW,
    ).join('\n');
    expect(text).toContain('s1/n1: up 1 h 1 min');
    expect(text).toContain('mode         dry-run (decides and reports, changes nothing on the router)');
    expect(text).toContain('router: the router refused the credential [ROUTER_AUTH_FAILED] since 14:04:11 (1 min ago)');
    expect(text).toContain('mqtt         NOT connected, 12 reports waiting in the outbox');
    expect(text).toContain('override     source Cellular0/1/0 by ops-1, until 14:35:11 (in 30 min)');
  });

  it('says drift the agent could not repair, track by track', () => {
    const text = statusText({ site: 's1', node: 'n1', uptimeSec: 5, state: driftState }, NOW).join('\n');
    expect(text).toMatch(
      /drift {8}(NOT repaired \(raised\)|being repaired|reported only \(dry-run\)|held while the policy moves) since .+, \d+ repairs?: track \d+ (up|down|not-stub|missing), wants (up|down)/,
    );
    expect(text).toContain('; the router on hub 192.0.2.1 via Cellular0/1/0, not fibre-hub1');
    // Only the path differs: its repairs are reselects.
    const pathOnly = { ...driftState, drift: { ...driftState.drift!, status: 'repairing' as const, tracks: [], repairs: 1 } };
    expect(statusText({ site: 's1', node: 'n1', uptimeSec: 5, state: pathOnly }, NOW).join('\n')).toMatch(
      /drift {8}being repaired since .+, 1 reselect: the router on hub 192\.0\.2\.1 via Cellular0\/1\/0, not fibre-hub1/,
    );
  });

  it('a journal entry is one line in words; one of unknown shape keeps its data', () => {
    expect(
      journalLine(
        { tsMs: NOW - 5000, kind: 'observation', subject: 'interface', data: { kind: 'interface', name: 'Cellular0/1/0', up: false } },
        NOW,
      ),
    ).toBe('14:05:06 (5 s ago)    observation  interface  interface Cellular0/1/0 down');
    expect(journalLine({ tsMs: NOW, kind: 'novel', data: { x: 1 } }, NOW)).toContain('{"x":1}');
    expect(
      journalLine({ tsMs: NOW, kind: 'mode', subject: 'dry-run', data: { action: 'release-left-forbids', tracks: [101, 111] } }, NOW),
    ).toContain('started in dry-run: gave back the forbids an earlier run left (track 101, 111 up)');
  });

  it("a metered WAN's rows are in words: thresholds, periods, counter restarts, budget and probing observations", () => {
    const line = (kind: string, data: Record<string, unknown>) => journalLine({ tsMs: NOW, kind, subject: 'Cellular0/1/0', data }, NOW);
    expect(
      line('metered', {
        kind: 'threshold',
        interface: 'Cellular0/1/0',
        pct: 80,
        periodBytes: 1_600_000_000,
        budget: 2_000_000_000,
        periodStartMs: 0,
      }),
    ).toContain('80 % of the budget used: 1600000000 of 2000000000 bytes this billing period');
    expect(line('metered', { kind: 'period-start', previousBytes: 123 })).toContain('the last one counted 123 bytes');
    expect(line('metered', { kind: 'counters-reset' })).toContain('counting goes on from zero');
    expect(line('observation', { kind: 'metered-budget', source: 'Cellular0/1/0', spent: true })).toContain(
      'the budget of metered WAN Cellular0/1/0 is spent',
    );
    expect(line('observation', { kind: 'sla-stopped', operations: [23, 24] })).toContain('full-rate probes 23, 24 stopped');
  });

  it("a dual-cloud spoke's rows are in words: BGP sessions, shortcuts, the protected-prefix check, a hub whose session is down", () => {
    const line = (kind: string, data: Record<string, unknown>) => journalLine({ tsMs: NOW, kind, subject: 'x', data }, NOW);
    expect(line('observation', { kind: 'bgp-sessions', down: ['172.31.1.1'] })).toContain('BGP sessions down: hubs 172.31.1.1');
    expect(line('observation', { kind: 'bgp-sessions', down: [] })).toContain("every hub's BGP session is established");
    const shortcut = {
      prefix: '10.20.13.0/24',
      via: '172.31.1.13',
      interface: 'Virtual-Access1',
      nbmaAddress: '192.0.2.50',
      expireSec: 7199,
    };
    expect(line('shortcut', { action: 'appeared', shortcut })).toContain(
      'a shortcut to 10.20.13.0/24 via spoke 172.31.1.13 (192.0.2.50) appeared, held 7199 s',
    );
    expect(line('shortcut', { action: 'moved', shortcut: { ...shortcut, via: '172.31.2.13' }, was: shortcut })).toContain(
      'now goes via spoke 172.31.2.13 (was 172.31.1.13)',
    );
    expect(
      line('shortcut-expectation', { violations: [{ shortcut: { ...shortcut, prefix: '10.0.1.0/24' }, protectedPrefix: '10.0.0.0/16' }] }),
    ).toContain('1 shortcut(s) take a protected prefix to another spoke: 10.0.1.0/24 (10.0.0.0/16)');
    expect(line('health', { candidate: 'hub1', from: 'good', to: 'bad', cause: { kind: 'bgp-down', neighbor: '172.31.1.1' } })).toContain(
      'hub1 good -> bad: its BGP session to hub 172.31.1.1 is down',
    );
    const confirmed = { kind: 'router-track-down', track: 141, confirmedBy: [{ metric: 'lossPct', value: 12.67, threshold: 5 }] };
    expect(line('health', { candidate: 'hub1', from: 'good', to: 'bad', cause: confirmed })).toContain(
      "hub1 good -> bad: the router's quality track 141 for this hub is Down, and its latest probes agree: loss 12.67% over 5%",
    );
    const sustained = { kind: 'quality', sustained: true, breaches: [{ metric: 'rttMs', value: 380, threshold: 250 }] };
    expect(line('health', { candidate: 'hub1', from: 'good', to: 'bad', cause: sustained })).toContain(
      'hub1 good -> bad: RTT 380 ms over the 250 ms threshold in each of its latest probes',
    );
  });

  it('a hub whose router track is Down unconfirmed says so, and that nothing was done', () => {
    const dualCloud = EXAMPLES.state.find((x) => x.candidates.some((c) => c.trackUnconfirmed !== undefined))!;
    const text = statusText({ site: 's1', node: 'n1', uptimeSec: 60, health: { status: 'ok', degraded: [] }, state: dualCloud }, NOW).join(
      '\n',
    );
    expect(text).toContain('router track 142 is Down, but the latest probes do not show it: not acted on');
  });
});
