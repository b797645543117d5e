import type { CommandId, RecordOf } from '../../parsers/registry.js';
import { namesQualityTracks, type DualCloudConfig } from '../../core/dual-cloud/config.js';
import { bgpObservations, hubTracksDown, type BgpSeen } from '../../core/dual-cloud/observe.js';
import { shortcutChanges, shortcutsOf, shortcutViolations, type Shortcut, type ShortcutChange } from '../../core/dual-cloud/shortcuts.js';
import type { Observation } from '../../core/policy/types.js';
import type { BgpView } from '../act/bgp-steering.js';

export interface DualCloudReaderOptions {
  dualCloud: DualCloudConfig;
  /** Reads and parses one command, typed by its id; `command` when it is spelled otherwise. */
  parse: <Id extends CommandId>(id: Id, command?: string) => Promise<RecordOf<Id>[]>;
  observe: (observations: readonly Observation[]) => void;
  /** Resolves once a steer the hub tracks called for has run: their read ends only then. */
  steered?: () => Promise<void>;
  /** A track went Down: reads the probes again if the agent's latest ones did not confirm it. */
  confirm?: () => Promise<void>;
  /** A shortcut appeared, went or moved. */
  onShortcut: (change: ShortcutChange) => void;
  /** The set of shortcuts that take a protected prefix to another spoke changed (empty: none now). */
  onShortcutViolations: (violations: ReturnType<typeof shortcutViolations>) => void;
}

/**
 * A dual-cloud spoke's poll, in place of the FlexVPN client's: which hub BGP
 * uses and which sessions are down (as policy observations), and the NHRP
 * shortcuts in use (events when one appears or goes, and a check that none
 * takes a protected prefix to another spoke).
 */
export class DualCloudReader {
  private seen: BgpSeen | undefined;
  /** The shortcuts as last read; undefined until the first read. */
  shortcuts: Shortcut[] | undefined;
  private violationKey = '';
  private tracksKey: string | undefined;

  constructor(private readonly o: DualCloudReaderOptions) {}

  /** The hub tracks (their periodic read), BGP (the hub in use, sessions down) and the NHRP shortcuts. */
  async read(): Promise<void> {
    await this.readHubTracks();
    const neighbors = await this.o.parse('show ip bgp summary');
    const paths = await this.o.parse('show ip bgp', 'show bgp ipv4 unicast');
    const r = bgpObservations(this.seen, this.o.dualCloud, neighbors, paths);
    this.seen = r.seen;
    this.o.observe(r.observations);
    await this.readShortcuts();
  }

  /**
   * The router's own quality tracks: a hub whose track goes Down is bad at once when the agent's
   * latest probes confirm it (or the track is trusted). Read first in each poll, and alone when a
   * track line wakes it (so the steer a track calls for never waits behind the BGP table); a
   * track newly Down and not confirmed has the probes read again (unless `probesJustRead`); a
   * change observed, the read ends once the steer it called for has run.
   */
  async readHubTracks(o: { probesJustRead?: boolean } = {}): Promise<void> {
    if (!namesQualityTracks(this.o.dualCloud)) return;
    const down = hubTracksDown(this.o.dualCloud, await this.o.parse('show track brief'));
    const key = down.map((d) => `${d.peer}#${d.track}`).join(',');
    if (key === this.tracksKey) return;
    const wentDown = down.some((d) => !this.tracksKey?.split(',').includes(`${d.peer}#${d.track}`) && !d.trusted);
    this.tracksKey = key;
    this.o.observe([{ kind: 'hub-tracks', down }]);
    if (wentDown && !o.probesJustRead) await this.o.confirm?.();
    await this.o.steered?.();
  }

  /** What a steer is verified against: the BGP table and the agent's route-maps. */
  async readBgp(): Promise<BgpView> {
    return {
      paths: await this.o.parse('show ip bgp', 'show bgp ipv4 unicast'),
      routeMaps: await this.o.parse('show route-map'),
    };
  }

  private async readShortcuts(): Promise<void> {
    const now = shortcutsOf(await this.o.parse('show ip nhrp'));
    // The first read says what is there already, each as appeared: a restarted agent reports what it finds.
    for (const change of shortcutChanges(this.shortcuts ?? [], now)) this.o.onShortcut(change);
    this.shortcuts = now;
    const violations = shortcutViolations(now, this.o.dualCloud.protectedPrefixes);
    const key = violations.map((v) => `${v.shortcut.prefix}>${v.shortcut.via}`).join(',');
    if (key !== this.violationKey) {
      this.violationKey = key;
      this.o.onShortcutViolations(violations);
    }
  }
}
