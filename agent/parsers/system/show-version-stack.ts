import type { StackMember } from '../../../proto/records/system.js';
import { parseDuration } from '../duration.js';

type TextField = Exclude<keyof StackMember, 'number' | 'active' | 'ports' | 'uptimeSec' | 'otherFields'>;

/** `Label : value` lines of a switch's hardware block, by lower-case label. */
const LABELS: Record<string, TextField | 'uptime' | null> = {
  'base ethernet mac address': 'macAddress',
  'motherboard assembly number': 'motherboardAssemblyNumber',
  'motherboard serial number': 'motherboardSerialNumber',
  'motherboard revision number': 'motherboardRevision',
  'model revision number': 'modelRevision',
  'model number': 'modelNumber',
  'system serial number': 'systemSerialNumber',
  'top assembly part number': 'topAssemblyPartNumber',
  'top assembly revision number': 'topAssemblyRevision',
  'version id': 'versionId',
  'clei code number': 'cleiCode',
  'switch uptime': 'uptime',
  // Catalyst 9000 prints why each member last reloaded in its block.
  'last reload reason': 'lastReloadReason',
  'last reload type': 'lastReloadType',
  // Recognised, not kept.
  'hardware board revision number': null,
  'daughterboard assembly number': null,
  'daughterboard serial number': null,
  'daughterboard revision number': null,
  'power supply part number': null,
  'power supply serial number': null,
  'sku brand name': null,
  'cip serial number': null,
  'system fpga version': null,
};

/**
 * The switch stack part of `show version` on Catalyst switches: a hardware block
 * for the switch the session runs on, the `Switch Ports Model SW Version SW Image
 * [Mode]` table (`*` marks that switch), then a `Switch 0N` block per other member.
 */
export class StackReader {
  /** The unnamed first block: the active (`*`) switch, known only once the table is read. */
  private readonly firstBlock: Partial<StackMember> = {};
  private current: Partial<StackMember> = this.firstBlock;
  private readonly byNumber = new Map<number, StackMember>();

  /** `Switch 02` starts that member's block. */
  blockHeader(t: string): boolean {
    const m = /^Switch (\d+)$/.exec(t);
    if (!m) return false;
    this.current = this.member(Number(m[1]));
    return true;
  }

  /**
   * A `Label : value` line of the current block; false for any other line.
   * Hardware blocks pad their labels into a column before the colon
   * (`SFP Module serial number        : CAT094403WR`), top-level lines never do:
   * a padded label no entry names is that member's too, kept as printed.
   */
  memberField(t: string): boolean {
    const m = /^([A-Za-z][A-Za-z ]*?)(\s*):\s*(.*)$/.exec(t);
    if (!m) return false;
    const field = LABELS[m[1]!.toLowerCase()];
    if (field === undefined) {
      if (m[2]!.length === 0 || m[3]!.trim() === '') return false;
      (this.current.otherFields ??= {})[m[1]!] = m[3]!.trim();
      return true;
    }
    const value = m[3]!.trim();
    if (field === null || value === '') return true;
    if (field === 'uptime') {
      const sec = parseDuration(value);
      if (sec !== undefined) this.current.uptimeSec = sec;
    } else {
      this.current[field] = value;
    }
    return true;
  }

  /** `*    1 56    WS-C3850-48U  03.06.05E  cat3k_caa-universalk9 INSTALL` (Mode is absent on IOS). */
  tableRow(t: string): boolean {
    const m = /^(\*)?\s*(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)(?:\s+(\S+))?$/.exec(t);
    if (!m) return false;
    const member = this.member(Number(m[2]));
    member.active = m[1] === '*';
    member.ports = Number(m[3]);
    member.model = m[4]!;
    member.swVersion = m[5]!;
    member.swImage = m[6]!;
    if (m[7] !== undefined) member.mode = m[7];
    return true;
  }

  members(): StackMember[] {
    if (Object.keys(this.firstBlock).length > 0) {
      const active = [...this.byNumber.values()].find((x) => x.active);
      Object.assign(this.member(active?.number ?? 1), this.firstBlock);
    }
    return [...this.byNumber.values()].sort((a, b) => a.number - b.number);
  }

  private member(n: number): StackMember {
    let m = this.byNumber.get(n);
    if (!m) {
      m = { number: n };
      this.byNumber.set(n, m);
    }
    return m;
  }
}
