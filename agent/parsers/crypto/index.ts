import { command, commandFamily, refusal } from '../command-spec.js';
import { parseCryptoSession } from './crypto-session.js';
import { parseFlexVpnClient } from './flexvpn-client.js';
import { parseIkev2Sa } from './ikev2-sa.js';
import { parseIpsecSa } from './ipsec-sa.js';

// Filters narrow the output, not its format (Cisco IOS Security Command Reference; one at a time here).
// `show crypto ikev2 sa [fvrf NAME | ivrf NAME | local ADDR | remote ADDR] [detailed]`.
const IKEV2_FILTER = '(?: (?:fvrf (?<fvrf>\\S+)|ivrf (?<ivrf>\\S+)|local (?<local>\\S+)|remote (?<remote>\\S+)))?';
// `show crypto session [active | standby | interface NAME | isakmp {group | profile} NAME | local ADDR [port N]
//  | remote ADDR [port N] | username NAME | fvrf NAME | ivrf NAME] [detail]`.
const SESSION_FILTER =
  '(?: (?:(?<ha>active|standby)|remote (?<remote>\\S+)(?: port (?<remotePort>\\d+))?|local (?<local>\\S+)(?: port (?<localPort>\\d+))?' +
  '|interface (?<interface>\\S+)|fvrf (?<fvrf>\\S+)|ivrf (?<ivrf>\\S+)|isakmp (?:group|profile) (?<isakmp>\\S+)|username (?<username>\\S+)))?';
// `show crypto ipsec sa [active | standby] [map NAME | interface NAME | peer [vrf FVRF] ADDR | vrf IVRF
//  | ipv6 [INTERFACE]] [detail]`; the IPv6 SAs print the same blocks (genieparser ShowCryptoIpsecSaIpv6Detailed).
const IPSEC_FILTER =
  '(?: (?<ha>active|standby))?(?: (?:map (?<map>\\S+)|peer(?: vrf (?<fvrf>\\S+))? (?<peer>\\S+)|interface (?<interface>\\S+)|vrf (?<vrf>\\S+)' +
  '|(?<family>ipv6)(?: (?<ipv6Interface>[A-Za-z][A-Za-z-]*\\d[\\d/.:]*))?))?';
const IPSEC_USAGE = 'show crypto ipsec sa [active | standby] [map NAME | peer [vrf NAME] ADDR | interface NAME | vrf NAME | ipv6 [NAME]]';

export const cryptoCommands = commandFamily({
  'show crypto ikev2 sa': command({
    id: 'show crypto ikev2 sa',
    usage: 'show crypto ikev2 sa [fvrf NAME | ivrf NAME | local ADDR | remote ADDR]',
    pattern: new RegExp(`^show crypto ikev2 sa${IKEV2_FILTER}$`, 'i'),
    parse: (text) => parseIkev2Sa(text),
  }),
  'show crypto ikev2 sa detailed': command({
    // IOS takes `detailed`; `detail` is accepted too (the corpus spells it so).
    id: 'show crypto ikev2 sa detailed',
    usage: 'show crypto ikev2 sa [fvrf NAME | ivrf NAME | local ADDR | remote ADDR] detailed',
    pattern: new RegExp(`^show crypto ikev2 sa${IKEV2_FILTER} detail(?:ed)?$`, 'i'),
    parse: (text) => parseIkev2Sa(text),
  }),
  'show crypto session': command({
    id: 'show crypto session',
    usage:
      'show crypto session [active | standby | remote ADDR [port N] | local ADDR [port N] | interface NAME | fvrf NAME | ivrf NAME | isakmp {group | profile} NAME | username NAME]',
    pattern: new RegExp(`^show crypto session${SESSION_FILTER}$`, 'i'),
    parse: (text) => parseCryptoSession(text),
  }),
  'show crypto session detail': command({
    id: 'show crypto session detail',
    usage:
      'show crypto session [active | standby | remote ADDR [port N] | local ADDR [port N] | interface NAME | fvrf NAME | ivrf NAME | isakmp {group | profile} NAME | username NAME] detail',
    pattern: new RegExp(`^show crypto session${SESSION_FILTER} detail$`, 'i'),
    parse: (text) => parseCryptoSession(text),
  }),
  'show crypto ipsec sa': command({
    id: 'show crypto ipsec sa',
    usage: IPSEC_USAGE,
    pattern: new RegExp(`^show crypto ipsec sa${IPSEC_FILTER}$`, 'i'),
    parse: (text) => parseIpsecSa(text),
  }),
  'show crypto ipsec sa detail': command({
    id: 'show crypto ipsec sa detail',
    // IOS-XE spells it `detailed` after `ipv6` (genieparser ShowCryptoIpsecSaIpv6Detailed).
    usage: `${IPSEC_USAGE} detail`,
    pattern: new RegExp(`^show crypto ipsec sa${IPSEC_FILTER} detail(?:ed)?$`, 'i'),
    parse: (text) => parseIpsecSa(text),
  }),
  'show crypto ikev2 client flexvpn': command({
    id: 'show crypto ikev2 client flexvpn',
    usage: 'show crypto ikev2 client flexvpn [NAME]',
    pattern: /^show crypto ikev2 client flexvpn(?: (?<name>\S+))?$/i,
    parse: (text) => parseFlexVpnClient(text),
  }),
});

/** Documented forms of these commands whose output is another layout. */
export const cryptoRefusals = [
  refusal(
    'show crypto session [FILTER] brief',
    /^show crypto session(?: .+)? brief$/i,
    'one row per peer (peer, interface, username, group, uptime, status), not the session blocks',
  ),
  refusal('show crypto session [FILTER] summary', /^show crypto session(?: .+)? summary$/i, 'session counts, not the session blocks'),
  refusal(
    'show crypto ipsec sa address',
    /^show crypto ipsec sa(?: (?:active|standby))? address(?: detail)?$/i,
    'SAs listed by destination address and protocol, without the interface and ident blocks',
  ),
  refusal(
    'show crypto ipsec sa identity',
    /^show crypto ipsec sa(?: (?:active|standby))? identity(?: detail)?$/i,
    'only the flows (idents) and their peers, without the SAs',
  ),
];
