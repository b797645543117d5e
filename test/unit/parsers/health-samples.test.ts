import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveCommand } from '../../../agent/parsers/registry.js';

const here = dirname(fileURLToPath(import.meta.url));
const samples = join(here, '..', '..', 'corpus', 'samples');
const expectedDir = join(here, '..', '..', 'fixtures', 'samples');

// Raw samples without an upstream expected result: our expected records are in test/fixtures/samples.
const CASES: ReadonlyArray<readonly [string, string]> = [
  ['show_ip_sla_statistics_1', 'show ip sla statistics'],
  ['show_track_brief_1', 'show track brief'],
  ['show_track_brief_2', 'show track brief'],
];

describe('health raw samples', () => {
  it.each(CASES)('%s parses with no warning into the expected records', (name, command) => {
    const resolved = resolveCommand(command);
    expect(resolved).toBeDefined();
    const result = resolved!.spec.parse(readFileSync(join(samples, `${name}.txt`), 'utf8'), resolved!.args);
    expect(result.warnings).toEqual([]);
    expect(result.records).toEqual(JSON.parse(readFileSync(join(expectedDir, `${name}.expected.json`), 'utf8')));
  });
});

describe('health command lines', () => {
  it.each([
    ['show ip sla statistics', 'show ip sla statistics', {}],
    ['show ip sla statistics 10', 'show ip sla statistics', { operation: '10' }],
    ['show ip sla statistics 10 details', 'show ip sla statistics details', { operation: '10' }],
    ['show ip sla summary', 'show ip sla summary', {}],
    ['show track 3', 'show track', { track: '3' }],
    ['show track brief', 'show track brief', {}],
    ['show ip interface brief', 'show ip interface brief', {}],
    ['show interfaces', 'show interfaces', {}],
    ['show interfaces GigabitEthernet 0/0/0', 'show interfaces', { interface: 'GigabitEthernet 0/0/0' }],
    ['show interfaces Tunnel10', 'show interfaces', { interface: 'Tunnel10' }],
  ] as const)('%s resolves to %s', (line, id, args) => {
    const resolved = resolveCommand(line);
    expect(resolved?.spec.id).toBe(id);
    expect(resolved?.args).toEqual(args);
  });

  it('does not take other `show interfaces` forms for an interface name', () => {
    expect(resolveCommand('show interfaces description')?.spec.id).not.toBe('show interfaces');
  });
});
