/**
 * A real SSH client for the lab terminal tests: opens shells and exec
 * channels with ssh2's Client and waits for conditions on the received bytes
 * (a prompt, a marker), never for a fixed time.
 */
import ssh2, { type ClientChannel, type ConnectConfig } from 'ssh2';

export type Login = { username: string; password: string } | { username: string; privateKey: string | Buffer };

const WAIT_MS = 5_000;

export async function connect(port: number, login: Login, extra: Partial<ConnectConfig> = {}): Promise<ssh2.Client> {
  const client = new ssh2.Client();
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => {
      client.setNoDelay(true);
      resolve();
    });
    client.once('error', reject);
    client.connect({ host: '127.0.0.1', port, readyTimeout: WAIT_MS, ...login, ...extra });
  });
  return client;
}

/** Runs one command on an exec channel and returns everything it printed. */
export async function execCommand(port: number, login: Login, command: string): Promise<string> {
  const client = await connect(port, login);
  try {
    return await new Promise<string>((resolve, reject) => {
      client.exec(command, (error, channel) => {
        if (error) return reject(error);
        let out = '';
        channel.on('data', (data: Buffer) => (out += data.toString('utf8')));
        channel.on('close', () => resolve(out));
      });
    });
  } finally {
    client.end();
  }
}

/** Resolves when the client's connection closes. */
export function closed(client: ssh2.Client): Promise<void> {
  return new Promise((resolve) => client.once('close', () => resolve()));
}

export class Shell {
  /** Everything received so far, raw (CR LF, backspaces and all). */
  output = '';
  private readonly waiters = new Set<() => void>();
  private ended = false;

  private constructor(
    readonly client: ssh2.Client,
    private readonly channel: ClientChannel,
  ) {
    channel.on('data', (data: Buffer) => {
      this.output += data.toString('utf8');
      for (const check of this.waiters) check();
    });
    channel.on('close', () => {
      this.ended = true;
      for (const check of this.waiters) check();
    });
  }

  static async open(port: number, login: Login, pty = true): Promise<Shell> {
    const client = await connect(port, login);
    const channel = await new Promise<ClientChannel>((resolve, reject) =>
      client.shell(pty ? { term: 'vt100', rows: 24, cols: 80 } : false, (error, ch) => (error ? reject(error) : resolve(ch))),
    );
    const shell = new Shell(client, channel);
    await shell.waitFor((out) => /[>#] $|[>#]$/.test(out));
    return shell;
  }

  get closed(): boolean {
    return this.ended;
  }

  send(keys: string): void {
    this.channel.write(keys);
  }

  /** Waits until the output received after `from` satisfies `done`; returns that part. */
  waitFor(done: (out: string) => boolean, from = 0): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const out = this.output.slice(from);
        if (done(out)) {
          cleanup();
          resolve(out);
        } else if (this.ended) {
          cleanup();
          reject(new Error(`channel closed; received: ${JSON.stringify(out)}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`condition not met; received: ${JSON.stringify(this.output.slice(from))}`));
      }, WAIT_MS);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Sends keys and waits until the output after them ends with `ending`. */
  async keys(keys: string, ending: string): Promise<string> {
    const from = this.output.length;
    this.send(keys);
    return this.waitFor((out) => out.endsWith(ending), from);
  }

  /** Types a line, presses Enter, waits for `prompt`; returns what followed the Enter, prompt excluded. */
  async run(line: string, prompt: string): Promise<string> {
    const out = await this.keys(`${line}\r`, prompt);
    const echoed = `${line}\r\n`;
    expectPrefix(out, echoed);
    return out.slice(echoed.length, out.length - prompt.length);
  }

  /** Waits for the channel to close (after `exit`). */
  waitClosed(): Promise<void> {
    return new Promise((resolve) => (this.ended ? resolve() : this.channel.once('close', () => resolve())));
  }

  /** Logs out from the client side and waits until the connection is gone. */
  async close(): Promise<void> {
    const gone = closed(this.client);
    this.client.end();
    await gone;
  }
}

function expectPrefix(out: string, prefix: string): void {
  if (!out.startsWith(prefix)) throw new Error(`expected echo ${JSON.stringify(prefix)}, got ${JSON.stringify(out)}`);
}

/** Output lines as IOS sends them (CR LF), without the final empty element. */
export function lines(out: string): string[] {
  const parts = out.split('\r\n');
  if (parts.at(-1) === '') parts.pop();
  return parts;
}
