import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';
import { MOSQUITTO_BIN, startMosquitto, type Mosquitto } from './mosquitto-harness.js';
import { backlogAcrossBrokerRestart, birthWillAndRetained, FAST_BACKOFF } from './scenarios.js';
import { agentStack } from './agent-stack.js';
import { Observer } from './observer.js';
import { fleetFilter, DEFAULT_ROOT } from '../../../proto/topics.js';
import { waitFor } from './wait.js';
import { commandRoundTrips } from './command-scenario.js';

if (!MOSQUITTO_BIN) {
  console.warn('SKIPPING mosquitto integration tests: no mosquitto binary (apt-get install mosquitto; .ci/run installs it)');
}

describe.skipIf(!MOSQUITTO_BIN)('MQTT against a real mosquitto', () => {
  let tmp: ReturnType<typeof tempDir>;
  let broker: Mosquitto;
  beforeAll(async () => {
    tmp = tempDir('spokepilot-mosquitto-');
    broker = (await startMosquitto(tmp.dir))!;
  });
  afterAll(async () => {
    await broker?.stop();
    tmp?.cleanup();
    for (const d of dirs) d.cleanup();
  });
  const dirs: ReturnType<typeof tempDir>[] = [];
  const dir = (name: string) => {
    const d = tempDir(`spokepilot-${name}-`);
    dirs.push(d);
    return d.dir;
  };

  it('birth, Will and retained state as a subscriber sees them (MQTT 3.1.1)', async () => {
    await birthWillAndRetained({ url: broker.url, protocolVersion: 4 }, dir('birth4'), 'birth-v4');
  });

  it('birth, Will and retained state as a subscriber sees them (MQTT 5)', async () => {
    await birthWillAndRetained({ url: broker.url, protocolVersion: 5 }, dir('birth5'), 'birth-v5');
  });

  it('delivers a 10,000-message backlog complete and in order across a broker kill and restart', async () => {
    const r = await backlogAcrossBrokerRestart({ url: broker.url, protocolVersion: 5 }, broker, dir('backlog'));
    console.log(`mosquitto backlog: ${r.duplicates} duplicates (QoS 1 retransmissions), ${r.historical} historical`);
  }, 120_000);

  it('answers signed commands and refuses every bad one, with a reply and a journal entry', async () => {
    await commandRoundTrips({ url: broker.url, protocolVersion: 5 }, dir('commands'));
  });

  it('connects over mutual TLS with a CA, a client certificate and key', async () => {
    const observer = await Observer.connect(broker.url, fleetFilter(DEFAULT_ROOT));
    const { ca, clientCert: cert, clientKey: key } = broker.certs;
    const stack = agentStack({
      dir: dir('tls'),
      at: { site: 'tls', node: 'n1' },
      broker: { url: broker.tlsUrl, protocolVersion: 5, backoff: FAST_BACKOFF, tls: { ca, cert, key } },
    });
    try {
      await stack.start();
      await observer.waitFor((s) => s.topic === stack.topics.status && s.body.state === 'online', 'birth over TLS');
      await stack.reporter.events([{ kind: 'warning', code: 'tls', message: 'hello' }]);
      await observer.waitFor((s) => s.topic === stack.topics.event && s.body.code === 'tls', 'event over TLS');
    } finally {
      await stack.stop();
      await observer.close();
    }
  });

  it('does not connect over TLS without a client certificate, or with a wrong CA', async () => {
    const noCert = agentStack({
      dir: dir('tls-nocert'),
      broker: { url: broker.tlsUrl, backoff: FAST_BACKOFF, connectTimeoutMs: 2000, tls: { ca: broker.certs.ca } },
    });
    const wrongCa = agentStack({
      dir: dir('tls-wrongca'),
      broker: {
        url: broker.tlsUrl,
        backoff: FAST_BACKOFF,
        connectTimeoutMs: 2000,
        tls: { ca: broker.certs.clientCert, cert: broker.certs.clientCert, key: broker.certs.clientKey },
      },
    });
    const attempts = (s: typeof noCert) => s.session.session;
    try {
      await noCert.start();
      await wrongCa.start();
      // Each attempt takes a session number: several attempts, none connected.
      await waitFor(() => attempts(noCert) >= 3 && attempts(wrongCa) >= 3, 10_000, 'repeated refused attempts');
      expect(noCert.broker.connected).toBe(false);
      expect(wrongCa.broker.connected).toBe(false);
    } finally {
      await noCert.stop();
      await wrongCa.stop();
    }
  });

  it('authenticates with username and password, and is refused with a wrong one', async () => {
    const good = agentStack({
      dir: dir('pw-good'),
      at: { site: 'pw', node: 'good' },
      broker: { url: broker.passwordUrl, backoff: FAST_BACKOFF, ...broker.user },
    });
    const bad = agentStack({
      dir: dir('pw-bad'),
      at: { site: 'pw', node: 'bad' },
      broker: { url: broker.passwordUrl, backoff: FAST_BACKOFF, username: 'spoke', password: 'wrong' },
    });
    try {
      await good.start();
      await bad.start();
      await waitFor(() => good.broker.connected && bad.session.session >= 3, 10_000, 'good connected, bad refused repeatedly');
      expect(bad.broker.connected).toBe(false);
    } finally {
      await good.stop();
      await bad.stop();
    }
  });
});
