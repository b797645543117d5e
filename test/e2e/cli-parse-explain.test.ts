import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const CAPTURE = fileURLToPath(new URL('../corpus/unicon.plugins/show_interfaces/ios_mock_data__show_int_e0_0_1.txt', import.meta.url));

describe('spokepilot parse --explain (real bin)', () => {
  it('prints what the parser did with each line of a real capture read from a file', async () => {
    const r = await runCli(['parse', 'show interfaces', CAPTURE, '--explain']);
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    expect(out[0]).toBe('show interfaces: 1 record(s); lines: 26 recorded, 0 understood without a field, 0 not read (warning), 1 blank');
    // Line 1 starts the record, line 4 sets MTU, bandwidth and delay.
    expect(r.stdout).toMatch(/^ 1 {2}record {6}Ethernet0\/0 is up, line protocol is up\n {16}-> new record 1: name=Ethernet0\/0, /m);
    expect(r.stdout).toMatch(
      /MTU 1500 bytes, BW 10000 Kbit\/sec, DLY 1000 usec,\n {16}-> record 1: mtu=1500, bandwidthKbps=10000, delayUsec=1000$/m,
    );
    expect(readFileSync(CAPTURE, 'utf8').split('\n').length).toBe(27);
  });

  it('names the line no rule read, with its warning, from standard input', async () => {
    const input = [
      'Track 7',
      '  Interface Cellular0/1/0 line-protocol',
      '  Line protocol is Down ((hw admin-down))',
      '  Frobnication is Sideways',
      '',
    ].join('\n');
    const r = await runCli(['parse', 'sh track', '--explain'], { input });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/-> record 1: state=down, stateRaw=Down, stateDetail="\(hw admin-down\)"/);
    expect(r.stdout).toMatch(
      /^4 {2}warning {5}Frobnication is Sideways\n {15}WARNING show track, line 4: "Frobnication is Sideways": unrecognised track detail; expected /m,
    );
  });

  it('refuses --warnings with --explain, naming both', async () => {
    const r = await runCli(['parse', 'show track', CAPTURE, '--warnings', '--explain']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--warnings and --explain are two different outputs');
  });

  it('a documented form whose output has another layout is refused saying which form it is', async () => {
    const r = await runCli(['parse', 'sh ip ro summ', CAPTURE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^spokepilot parse: unsupported command "sh ip ro summ": it is "show \{ip \| ipv6\} route \[vrf NAME\] summary", whose output is /,
    );
  });
});
