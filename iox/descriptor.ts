/**
 * package.yaml, the IOx application descriptor (schema 2.10: the oldest of the
 * versions DESIGN §4 allows, so the most IOx releases accept it). Validated by
 * iox/validate-descriptor.ts against Cisco's schemas in iox/schemas/.
 */
import type { Arch } from '../build/paths.js';

export const DESCRIPTOR_SCHEMA_VERSION = '2.10';

/** Where the executable and the addon beside it live in the rootfs. */
export const INSTALL_DIR = '/opt/spokepilot';
export const EXECUTABLE = `${INSTALL_DIR}/spokepilot`;
/** A link to the executable: invoked under this name it runs `spokepilot health` (build/entry.ts). */
export const HEALTHCHECK = `${INSTALL_DIR}/spokepilot-healthcheck`;
/** IOx puts package_config.ini at $CAF_APP_CONFIG_FILE, in the persistent dir $CAF_APP_PERSISTENT_DIR (DESIGN §4). */
export const PERSISTENT_DIR = '/data';
export const CONFIG_FILE = `${PERSISTENT_DIR}/package_config.ini`;
/** IOS: `logging host <app-ip> transport udp port 5514` (config/examples). */
export const SYSLOG_UDP_PORT = 5514;

/**
 * The process environment the package gives the executable (DESIGN §5: the
 * only way to give V8 flags to a single executable is NODE_OPTIONS, and it
 * takes only a few). Figures from `npm run bench -- footprint`.
 * - Old space 64 MB bounds each heap (the main thread's and the route
 *   worker's); a routing table of about 70,000 routes fits in the worker's,
 *   hence routes.maxTableRoutes 50,000 by default.
 * - Semi-spaces of 1 MB: the agent's young objects are short-lived records,
 *   and each isolate keeps its new space committed at its largest; 1 MB
 *   against 2 MB took ~4 MB off the steady RSS, with no slower ingest.
 * - MALLOC_ARENA_MAX=1: glibc otherwise gives each thread touching malloc its
 *   own arena; with V8's helper threads and the worker that kept ~9 MB more
 *   resident (measured at 1, 2 and unset).
 */
export const RUNTIME_ENV = {
  NODE_OPTIONS: '--max-old-space-size=64 --max-semi-space-size=1',
  MALLOC_ARENA_MAX: '1',
} as const;

/**
 * The custom profile. Memory: c1.medium's 128 MB, sized from `npm run bench
 * -- footprint` (the executable with RUNTIME_ENV, 10,000 cached routes, ten
 * minutes of flapping-wan): steady RSS 89 MB, peak 103 MB, so 25 MB of margin
 * at the peak. c1.small's 64 MB is out of reach: ~45 MB of the RSS is Node's
 * own code mapped from the executable. CPU: c1.small's 200 units (steady use
 * measured under 1 % of a core; parsing a full table is a short burst).
 * Disk: the persistent data at the config defaults: outbox 50 MB, journal
 * 200,000 rows (~40 MB), cached routes with history (~16 MB), rotated logs
 * (~10 MB), WAL and headroom.
 */
export const RESOURCES = { cpu: 200, memory: 128, disk: 128 } as const;

export interface DescriptorInput {
  version: string;
  arch: Arch;
  description: string;
}

export function descriptor(input: DescriptorInput): Record<string, unknown> {
  return {
    'descriptor-schema-version': DESCRIPTOR_SCHEMA_VERSION,
    info: {
      name: 'spokepilot',
      description: input.description,
      version: input.version,
      'author-name': 'spokepilot',
    },
    app: {
      cpuarch: input.arch,
      type: 'docker',
      resources: {
        profile: 'custom',
        ...RESOURCES,
        persistent_data_target: PERSISTENT_DIR,
        network: [{ 'interface-name': 'eth0', ports: { udp: [SYSLOG_UDP_PORT] } }],
      },
      env: { ...RUNTIME_ENV },
      startup: {
        rootfs: 'rootfs.tar',
        // No shell expands variables here: the agent reads $CAF_APP_CONFIG_FILE's file by its IOx path.
        target: [EXECUTABLE, 'run', '--config', CONFIG_FILE],
      },
      monitor: { script: HEALTHCHECK, initial_delay_seconds: 30, period_seconds: 60 },
    },
  };
}
