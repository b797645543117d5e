/**
 * FlexVPN spokes run no NHRP unless shortcut switching is configured, which
 * the lab does not model: `show ip nhrp` prints nothing, and `show dmvpn`
 * prints its legend and no interface (layout: corpus genieparser ShowDmvpn).
 */
export function renderIpNhrp(): string {
  return '';
}

export function renderDmvpn(): string {
  return [
    '',
    'Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete',
    '        N - NATed, L - Local, X - No Socket',
    '        T1 - Route Installed, T2 - Nexthop-override',
    '        C - CTS Capable',
    '        # Ent --> Number of NHRP entries with same NBMA peer',
    '        NHS Status: E --> Expecting Replies, R --> Responding, W --> Waiting',
    '        UpDn Time --> Up or Down Time for a Tunnel',
    '==========================================================================',
    '',
  ].join('\n');
}
