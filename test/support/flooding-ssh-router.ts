/**
 * A small SSH server speaking just enough IOS (prompt, echo, `terminal ...`)
 * to feed the router adapter the outputs the lab cannot: a route table of any
 * size, output that never ends, a pager that never stops, and a config
 * session whose lines are taken but never answered with a prompt (the
 * red-team's man-in-the-middle, reviews 2026-12-06, findings 3, 16 and 18). Writes honour
 * backpressure, so the server itself never holds more than a chunk or two.
 */
import ssh2, { type ServerChannel } from 'ssh2';
import { sshFingerprint } from '../../lab/ssh/host-key.js';
import { generateRouteTable } from '../../bench/support/route-table.js';
import { sshKeyPair } from './ssh-key-pair.js';

export interface FloodingRouterOptions {
  /** Routes printed by `show ip route` (generated, CRLF line ends as IOS sends them). */
  routes?: number;
  /** Pages `show paged` prints, each ending in --More--, before its prompt; Infinity: forever. */
  pages?: number;
}

export interface FloodingRouter {
  port: number;
  fingerprint: string;
  /** Shell sessions opened so far, how many of those the client has closed, and config sessions begun. */
  sessions: { opened: number; closed: number; configs: number };
  close(): Promise<void>;
}

const PROMPT = 'spoke1#';
const FLOOD_LINE = 'GigabitEthernet0/0     192.0.2.1       YES manual up                    up      \r\n';
const PAGE = 'y'.repeat(2000) + '\r\n --More-- ';
const ERASE = '\b'.repeat(10) + ' '.repeat(10) + '\b'.repeat(10);

export async function startFloodingRouter(o: FloodingRouterOptions = {}): Promise<FloodingRouter> {
  const hostKey = sshKeyPair('ed25519').private;
  const parsed = ssh2.utils.parseKey(hostKey);
  if (parsed instanceof Error) throw parsed;
  const fingerprint = sshFingerprint((Array.isArray(parsed) ? parsed[0]! : parsed).getPublicSSH());
  const sessions = { opened: 0, closed: 0, configs: 0 };
  const table = o.routes ? generateRouteTable(o.routes).replace(/\n/g, '\r\n') : '';
  const server = new ssh2.Server({ hostKeys: [hostKey] }, (conn) => {
    conn.on('authentication', (ctx) => ctx.accept());
    conn.on('error', () => undefined); // the client destroys the socket mid-flood: expected
    conn.on('ready', () =>
      conn.on('session', (accept) => {
        const session = accept();
        session.on('pty', (acceptPty) => acceptPty?.());
        session.on('shell', (acceptShell) => {
          const ch = acceptShell();
          sessions.opened++;
          ch.on('close', () => sessions.closed++);
          ch.on('error', () => undefined);
          serveShell(ch, table, o.pages ?? Infinity, sessions);
        });
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    fingerprint,
    sessions,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function serveShell(ch: ServerChannel, table: string, pages: number, sessions: FloodingRouter['sessions']): void {
  let open = true;
  let configuring = false;
  ch.on('close', () => (open = false));
  /** Writes what `next` yields, waiting for the client to drain, until it yields undefined or the channel closes. */
  const stream = (next: () => string | undefined) => {
    const pump = () => {
      for (let s = next(); open && s !== undefined; s = next()) {
        if (!ch.write(s)) {
          ch.once('drain', pump);
          return;
        }
      }
    };
    pump();
  };
  let pagesLeft = 0;
  let buffered = '';
  ch.write(`\r\n${PROMPT}`);
  ch.on('data', (d: Buffer) => {
    buffered += d.toString('latin1');
    if (pagesLeft > 0 && buffered.includes(' ') && !/[\r\n]/.test(buffered)) {
      buffered = '';
      pagesLeft--;
      ch.write(ERASE + (pagesLeft > 0 ? PAGE : `last page\r\n${PROMPT}`));
      return;
    }
    for (let i = buffered.search(/[\r\n]/); i >= 0; i = buffered.search(/[\r\n]/)) {
      const line = buffered.slice(0, i).trim();
      buffered = buffered.slice(i + 1);
      if (line === '') continue;
      ch.write(`${line}\r\n`);
      if (configuring) continue; // taken, and never a prompt again (HANG)
      if (line === 'configure terminal') {
        configuring = true;
        sessions.configs++;
        ch.write('spoke1(config)#');
      } else if (line === 'show ip route') {
        let at = 0;
        let done = false;
        stream(() => {
          if (done) return undefined;
          if (at >= table.length) {
            done = true;
            return PROMPT;
          }
          at += 65536;
          return table.slice(at - 65536, at);
        });
      } else if (line === 'show flood') {
        const chunk = FLOOD_LINE.repeat(800);
        stream(() => chunk);
      } else if (line === 'show paged') {
        pagesLeft = pages;
        ch.write(PAGE);
      } else if (line === 'show version') {
        ch.write(`spoke1 uptime is 1 hour\r\n${PROMPT}`);
      } else if (line.startsWith('terminal ')) {
        ch.write(PROMPT);
      } else {
        ch.write(`                ^\r\n% Invalid input detected at '^' marker.\r\n\r\n${PROMPT}`);
      }
    }
  });
}
