import { describe, expect, it } from 'vitest';
import { resolveCommand } from '../../../agent/parsers/registry.js';

// The raw samples' expected records are parser cases now (test/unit/parsers/cases).
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
