import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadConfigFile, loadConfigText } from '../../../agent/config/load.js';
import { redact, resolveSecret } from '../../../agent/config/secrets.js';
import { MINIMAL } from './minimal-config.js';

const examples = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', 'config', 'examples');

describe('configuration', () => {
  it.each(['ir829-dual-wan.yaml', 'ir1101.yaml', 'ir1101-dual-cloud.yaml'])('accepts the documented example %s', (name) => {
    const r = loadConfigFile(join(examples, name));
    expect(r.ok ? 'valid' : r.issues).toBe('valid');
  });

  it('fills defaults and expands abbreviated interface names', () => {
    const r = loadConfigText(MINIMAL);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.config.flexvpn?.tunnel).toBe('Tunnel100');
    expect(r.config.flexvpn?.sources[0]!.interface).toBe('GigabitEthernet0/0');
    expect(r.config.policy.preemptDelaySec).toBe(300);
    expect(r.config.actuation).toEqual({
      strategy: 'stub-tracks',
      setTracksWith: 'default-state',
      eemAppletPrefix: 'SPOKEPILOT',
      verifyTimeoutSec: 30,
      retries: 2,
      onStop: 'restore',
      pathRepair: { enabled: true, settleSec: 60, backoffSec: 60, maxBackoffSec: 300 },
    });
    expect(r.config.router.ssh!.port).toBe(22);
  });

  it('refuses a path-repair bound below the wait it bounds, and a settle time under 10 s', () => {
    const r = loadConfigText(`${MINIMAL}actuation: { pathRepair: { settleSec: 5, backoffSec: 600, maxBackoffSec: 120 } }\n`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path).sort()).toEqual(['actuation.pathRepair.settleSec']);
    const bound = loadConfigText(`${MINIMAL}actuation: { pathRepair: { backoffSec: 600, maxBackoffSec: 120 } }\n`);
    expect(bound.ok ? [] : bound.issues).toEqual([
      { path: 'actuation.pathRepair.maxBackoffSec', message: 'must not be below backoffSec (600): it bounds the wait that starts there' },
    ]);
  });

  it('sets the stub tracks through EEM applets only with the stub-track strategy, and takes only a word as their prefix', () => {
    const eem = loadConfigText(`${MINIMAL}actuation: { setTracksWith: eem-applets, eemAppletPrefix: SP-TRACK }\n`);
    expect(eem.ok ? eem.config.actuation : eem.issues).toMatchObject({ setTracksWith: 'eem-applets', eemAppletPrefix: 'SP-TRACK' });
    const peerOrder = loadConfigText(`${MINIMAL}actuation: { strategy: peer-order, setTracksWith: eem-applets }\n`);
    expect(peerOrder.ok ? [] : peerOrder.issues).toEqual([
      {
        path: 'actuation.setTracksWith',
        message:
          'eem-applets sets stub tracks, which peer-order does not use: use actuation.strategy stub-tracks, or setTracksWith default-state',
      },
    ]);
    const metered = loadConfigText(
      MINIMAL.replace(/stubTrack: 111 \}/, 'stubTrack: 111, metered: { budget: 2GB, fullRateOperations: [23] } }') +
        'actuation: { setTracksWith: eem-applets }\n',
    );
    expect(metered.ok ? [] : metered.issues.filter((i) => i.message.includes('eem-applets')).map((i) => i.path)).toEqual([
      'flexvpn.sources[0].metered.fullRateOperations',
    ]);
    const spaced = loadConfigText(`${MINIMAL}actuation: { setTracksWith: eem-applets, eemAppletPrefix: "SP TRACK" }\n`);
    expect(spaced.ok ? [] : spaced.issues.map((i) => i.path)).toEqual(['actuation.eemAppletPrefix']);
  });

  it('reports every problem at once, each with its path', () => {
    const bad = MINIMAL.replace('192.0.2.1, stubTrack: 101', '192.0.2.300, stubTrack: 1001')
      .replace('node: n1', 'node: n1\nfrobnicate: yes')
      .replace('client: FLEX', 'client: "FLEX\\nend"');
    const r = loadConfigText(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['frobnicate', 'flexvpn.client', 'flexvpn.peers[0].address', 'flexvpn.peers[0].stubTrack']),
    );
    expect(r.issues.find((i) => i.path === 'frobnicate')!.message).toBe('unknown key');
    expect(r.issues.find((i) => i.path === 'flexvpn.peers[0].address')!.message).toContain('is not a valid IPv4 address');
  });

  it('never lets a newline or a space reach an interface name', () => {
    const r = loadConfigText(MINIMAL.replace('interface: Gi0/0', 'interface: "Gi0/0\\nshutdown"'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.path).toBe('flexvpn.sources[0].interface');
  });

  it('checks across fields: candidates must use configured peers and sources, tracks must be distinct', () => {
    const r = loadConfigText(
      MINIMAL.replace('stubTrack: 111', 'stubTrack: 101').replace('peer: 192.0.2.1, source', 'peer: 192.0.2.9, source'),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual(
      expect.arrayContaining([
        { path: 'flexvpn', message: 'stub track 101 is used twice: each peer and each source needs its own' },
        { path: 'candidates[0].peer', message: '192.0.2.9 is not one of flexvpn.peers' },
      ]),
    );
  });

  it('reads syslog over dohost only from listed sources, and keeps peer-order within the peer numbers it needs', () => {
    const exec = MINIMAL.replace(
      /router: .*\n/,
      'router: { transport: exec, exec: { command: [dohost] } }\nsyslog: { listen: "0.0.0.0:5514" }\n',
    );
    const r = loadConfigText(exec);
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(['syslog.allowFrom']);
    expect(loadConfigText(exec.replace('listen: "0.0.0.0:5514"', 'listen: "0.0.0.0:5514", allowFrom: [192.168.35.1]')).ok).toBe(true);
    const peers = Array.from({ length: 6 }, (_, i) => `{ address: 192.0.2.${i + 1}, stubTrack: ${101 + i} }`).join(', ');
    const many = MINIMAL.replace(/peers: \[.*\]/, `peers: [${peers}]`) + 'actuation: { strategy: peer-order }\n';
    const p = loadConfigText(many);
    expect(p.ok ? [] : p.issues.map((i) => i.path)).toEqual(['flexvpn.peers']);
    expect(loadConfigText(many.replace('strategy: peer-order', 'strategy: stub-tracks')).ok).toBe(true);
  });

  it('requires a pinned host key unless explicitly waived', () => {
    const r = loadConfigText(MINIMAL.replace(', acceptAnyHostKey: true', ''));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(['router.ssh.hostKeySha256']);
  });

  it('reports YAML syntax errors with their line', () => {
    const r = loadConfigText('site: [unclosed\nnode: x\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/^YAML line \d+/);
  });

  it('resolves secrets from the environment or a file, and redacts them', () => {
    expect(resolveSecret({ env: 'X_PW' }, { X_PW: 'hunter2' })).toBe('hunter2');
    expect(() => resolveSecret({ env: 'NOPE' }, {})).toThrow(
      expect.objectContaining({ code: 'CONFIG_SECRET_UNAVAILABLE', message: 'environment variable NOPE is not set' }),
    );
    expect(redact({ ssh: { password: 'hunter2', host: 'h' } })).toEqual({ ssh: { password: '[redacted]', host: 'h' } });
    expect(redact({ ssh: { password: { env: 'X_PW' } } })).toEqual({ ssh: { password: { env: 'X_PW' } } });
  });
});
