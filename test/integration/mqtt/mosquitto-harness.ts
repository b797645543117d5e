/**
 * Starts a real mosquitto for a test file: a plain listener, a mutual-TLS
 * listener and a password listener on free loopback ports, certificates made
 * with openssl into a temp dir, persistence on so a restart keeps what a
 * persistent subscriber was owed. `undefined` when the binary is absent.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freeTcpPort } from '../../../lab/harness/free-port.js';
import { waitFor } from './wait.js';

export const MOSQUITTO_BIN = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'].find((p) => existsSync(p));

export interface Certs {
  ca: Buffer;
  clientCert: Buffer;
  clientKey: Buffer;
  dir: string;
}

export interface Mosquitto {
  url: string;
  tlsUrl: string;
  passwordUrl: string;
  certs: Certs;
  user: { username: string; password: string };
  /** Kills the broker (SIGTERM: it saves its persistence file, as a service stop does) and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const accepting = (port: number) =>
  new Promise<boolean>((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });

export function makeCerts(dir: string): Certs {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=spokepilot-test-ca');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const [name, cn, ext] of [
    ['server', 'localhost', 'server.ext'],
    ['client', 'spoke-1', 'client.ext'],
  ] as const) {
    ssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
    ssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '2',
      '-extfile',
      ext,
    );
  }
  const read = (f: string) => execFileSync('cat', [join(dir, f)]);
  return { ca: read('ca.crt'), clientCert: read('client.crt'), clientKey: read('client.key'), dir };
}

export async function startMosquitto(dir: string): Promise<Mosquitto | undefined> {
  if (!MOSQUITTO_BIN) return undefined;
  const certs = makeCerts(dir);
  const [plain, tls, pw] = [await freeTcpPort(), await freeTcpPort(), await freeTcpPort()];
  const user = { username: 'spoke', password: 'pw-' + Math.random().toString(36).slice(2) };
  execFileSync('mosquitto_passwd', ['-c', '-b', join(dir, 'passwd'), user.username, user.password], { stdio: 'pipe' });
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      'user root',
      'per_listener_settings true',
      'persistence true',
      `persistence_location ${dir}/`,
      'autosave_interval 1',
      'max_queued_messages 0',
      'max_inflight_messages 0',
      `log_dest file ${join(dir, 'mosquitto.log')}`,
      `listener ${plain} 127.0.0.1`,
      'allow_anonymous true',
      `listener ${tls} 127.0.0.1`,
      'allow_anonymous true',
      `cafile ${join(dir, 'ca.crt')}`,
      `certfile ${join(dir, 'server.crt')}`,
      `keyfile ${join(dir, 'server.key')}`,
      'require_certificate true',
      `listener ${pw} 127.0.0.1`,
      'allow_anonymous false',
      `password_file ${join(dir, 'passwd')}`,
      '',
    ].join('\n'),
  );

  let child: ChildProcess | undefined;
  const launch = async () => {
    const c = spawn(MOSQUITTO_BIN!, ['-c', conf], { stdio: 'ignore' });
    child = c;
    await waitFor(
      async () => c.exitCode === null && (await accepting(plain)) && (await accepting(tls)) && (await accepting(pw)),
      10_000,
      'mosquitto to listen',
    );
  };
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill(signal);
    await exited;
  };
  await launch();
  return {
    url: `mqtt://127.0.0.1:${plain}`,
    tlsUrl: `mqtts://127.0.0.1:${tls}`,
    passwordUrl: `mqtt://127.0.0.1:${pw}`,
    certs,
    user,
    kill,
    restart: launch,
    stop: () => kill('SIGTERM'),
  };
}
