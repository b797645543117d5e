/** A tunnel's NHRP lines (`ip nhrp network-id`, `redirect`, `shortcut virtual-template`, `holdtime`). */
export interface NhrpInterfaceConfig {
  networkId?: number;
  redirect: boolean;
  /** `ip nhrp shortcut virtual-template N`: shortcuts are built on Virtual-Access interfaces cloned from it. */
  shortcutTemplate?: number;
  /** `ip nhrp holdtime S`: how long an answer stays valid (IOS's 7200 s unless given). */
  holdtimeSec?: number;
}

export const NHRP_DEFAULT_HOLDTIME_SEC = 7200;
