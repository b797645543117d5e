import { AGENT_VERSION } from '../version.js';

interface CliCommand {
  name: string;
  summary: string;
  run(argv: string[]): Promise<number>;
}

// Each command's code is loaded when it runs: `--help` or `--version` must not load the whole agent.
const COMMANDS: CliCommand[] = [
  {
    name: 'run',
    summary: 'run the agent: watch, decide, steer, cache, journal',
    run: async (a) => (await import('./run.js')).runCommand(a),
  },
  { name: 'parse', summary: 'parse saved show output into JSON records', run: async (a) => (await import('./parse.js')).parseCommand(a) },
  {
    name: 'demo',
    summary: 'the lab spoke with the agent steering it through a fault scenario, live',
    run: async (a) => (await import('../../lab/demo/demo-command.js')).demoCommand(a),
  },
  {
    name: 'lab',
    summary: 'run a simulated FlexVPN spoke over SSH, optionally playing a fault scenario',
    // Loaded on demand: the agent itself never needs the lab's code.
    run: async (a) => (await import('../../lab/lab-command.js')).labCommand(a),
  },
  { name: 'status', summary: 'what the local agent is doing, and why', run: async (a) => (await import('./status.js')).statusCommand(a) },
  {
    name: 'routes',
    summary: 'the cached routing table: now, at a time, changes since, lookup',
    run: async (a) => (await import('./routes.js')).routesCommand(a),
  },
  {
    name: 'config',
    summary: 'config check FILE [--router]: validate it; config ios FILE: the IOS side it expects',
    run: async (a) => (await import('./config-check.js')).configCommand(a),
  },
  {
    name: 'events',
    summary: "the agent's journal of observations, decisions and actions",
    run: async (a) => (await import('./events.js')).eventsCommand(a),
  },
  {
    name: 'fleet',
    summary: 'live view of the fleet over MQTT; sign and send commands',
    run: async (a) => (await import('./fleet.js')).fleetCommand(a),
  },
  {
    name: 'health',
    summary: "ask the local agent's /healthz (the IOx monitor script)",
    run: async (a) => (await import('./health.js')).healthCommand(a),
  },
];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'spokepilot: edge agent for Cisco FlexVPN spoke routers',
    '',
    'Usage: spokepilot <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `spokepilot <command> --help` for a command's options; `spokepilot --version` prints the version.",
  ].join('\n');
}

export const versionLine = (): string => `spokepilot ${AGENT_VERSION}`;

/** Runs the CLI; returns the process exit code (0 ok, 1 failure, 2 usage error). */
export async function main(argv: string[]): Promise<number> {
  // `spokepilot events | head`: a reader that stops early is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    console.log(versionLine());
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`spokepilot: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return command.run(rest);
}
