import ssh2 from 'ssh2';

type KeyType = Parameters<typeof ssh2.utils.generateKeyPairSync>[0];

/**
 * A key pair from ssh2's generator that ssh2 itself can read back. About one
 * ed25519 pair in 256 cannot be: the generator strips a public key's leading
 * zero byte, and parseKey then calls it malformed (mscdex/ssh2#1513, #1390);
 * a test server given such a key failed its whole file in CI.
 */
export function sshKeyPair(type: KeyType, options?: { bits: number }): { public: string; private: string } {
  for (let i = 0; i < 100; i++) {
    const pair = options ? ssh2.utils.generateKeyPairSync(type, options) : ssh2.utils.generateKeyPairSync(type);
    const readable = (k: string) => {
      const parsed = ssh2.utils.parseKey(k);
      return !(parsed instanceof Error);
    };
    if (readable(pair.public) && readable(pair.private)) return pair;
  }
  throw new Error(`ssh2 generated no readable ${type} key pair in 100 tries`);
}
