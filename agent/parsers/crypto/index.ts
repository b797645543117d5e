import { command, commandFamily } from '../command-spec.js';
import { parseCryptoSession } from './crypto-session.js';
import { parseFlexVpnClient } from './flexvpn-client.js';
import { parseIkev2Sa } from './ikev2-sa.js';
import { parseIpsecSa } from './ipsec-sa.js';

// Filters IOS accepts in front of `detail`; they narrow the output, not its format.
const SESSION_FILTER =
  '(?: (?:remote (?<remote>\\S+)|local (?<local>\\S+)|interface (?<interface>\\S+)|fvrf (?<fvrf>\\S+)|ivrf (?<ivrf>\\S+)))?';
const IPSEC_FILTER = '(?: (?:peer (?<peer>\\S+)|interface (?<interface>\\S+)|vrf (?<vrf>\\S+)))?';

export const cryptoCommands = commandFamily({
  'show crypto ikev2 sa': command({
    id: 'show crypto ikev2 sa',
    usage: 'show crypto ikev2 sa',
    pattern: /^show crypto ikev2 sa$/i,
    parse: (text) => parseIkev2Sa(text),
  }),
  'show crypto ikev2 sa detailed': command({
    // IOS takes `detailed`; `detail` is accepted too (the corpus spells it so).
    id: 'show crypto ikev2 sa detailed',
    usage: 'show crypto ikev2 sa detailed',
    pattern: /^show crypto ikev2 sa detail(?:ed)?$/i,
    parse: (text) => parseIkev2Sa(text),
  }),
  'show crypto session': command({
    id: 'show crypto session',
    usage: 'show crypto session [remote ADDR | local ADDR | interface NAME | fvrf NAME | ivrf NAME]',
    pattern: new RegExp(`^show crypto session${SESSION_FILTER}$`, 'i'),
    parse: (text) => parseCryptoSession(text),
  }),
  'show crypto session detail': command({
    id: 'show crypto session detail',
    usage: 'show crypto session [remote ADDR | local ADDR | interface NAME | fvrf NAME | ivrf NAME] detail',
    pattern: new RegExp(`^show crypto session${SESSION_FILTER} detail$`, 'i'),
    parse: (text) => parseCryptoSession(text),
  }),
  'show crypto ipsec sa': command({
    id: 'show crypto ipsec sa',
    usage: 'show crypto ipsec sa [peer ADDR | interface NAME | vrf NAME]',
    pattern: new RegExp(`^show crypto ipsec sa${IPSEC_FILTER}$`, 'i'),
    parse: (text) => parseIpsecSa(text),
  }),
  'show crypto ipsec sa detail': command({
    id: 'show crypto ipsec sa detail',
    usage: 'show crypto ipsec sa [peer ADDR | interface NAME | vrf NAME] detail',
    pattern: new RegExp(`^show crypto ipsec sa${IPSEC_FILTER} detail$`, 'i'),
    parse: (text) => parseIpsecSa(text),
  }),
  'show crypto ikev2 client flexvpn': command({
    id: 'show crypto ikev2 client flexvpn',
    usage: 'show crypto ikev2 client flexvpn [NAME]',
    pattern: /^show crypto ikev2 client flexvpn(?: (?<name>\S+))?$/i,
    parse: (text) => parseFlexVpnClient(text),
  }),
});
