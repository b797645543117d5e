/**
 * What an SSH session channel does on the lab router: `shell` gets an
 * interactive vty (echo, editing, paging), `exec` runs one command and closes,
 * as `ssh router "show version"` does on IOS.
 */
import type { AcceptConnection, RejectConnection, ServerChannel, Session } from 'ssh2';
import type { LabDevice } from '../cli/grammar.js';
import { CliSession, type LabLog } from '../cli/session.js';
import { InteractiveTerminal } from '../cli/terminal.js';
import type { LabUser } from './auth.js';

export interface ChannelSettings {
  device: LabDevice;
  user: LabUser;
  enableSecret?: string;
  terminalLength?: number;
  banner?: string;
  log?: LabLog;
}

export function serveSessionChannel(
  accept: AcceptConnection<Session>,
  settings: ChannelSettings,
  onChannel: (channel: ServerChannel) => void,
): void {
  const session = accept();
  const cliSession = (terminalLength?: number) =>
    new CliSession({
      device: settings.device,
      privilege: settings.user.privilege ?? 1,
      user: settings.user.username,
      ...(settings.user.view ? { view: settings.user.view } : {}),
      enableSecret: settings.enableSecret,
      terminalLength,
      log: settings.log,
    });

  // Window size does not change IOS's `terminal length` / `width`: the vty keeps 24x80 until told.
  session.on('pty', (acceptPty) => acceptPty?.());
  session.on('window-change', (acceptChange) => acceptChange?.());
  session.on('env', (acceptEnv) => acceptEnv?.());
  session.on('subsystem', (_accept, reject: RejectConnection) => reject());

  session.once('shell', (acceptShell) => {
    const channel = acceptShell();
    onChannel(channel);
    const terminal = new InteractiveTerminal(cliSession(settings.terminalLength), {
      write: (text) => channel.write(text),
      end: () => closeChannel(channel),
    });
    channel.on('data', (data: Buffer) => terminal.input(data.toString('utf8')));
    channel.on('close', () => terminal.close());
    terminal.start(settings.banner);
  });

  session.once('exec', (acceptExec, _reject, info) => {
    const channel = acceptExec();
    onChannel(channel);
    // IOS does not page an exec channel's output.
    const outcome = cliSession(0).execute(info.command);
    channel.write(outcome.lines.map((line) => `${line}\r\n`).join(''));
    closeChannel(channel);
  });
}

function closeChannel(channel: ServerChannel): void {
  channel.exit(0);
  channel.end();
}
