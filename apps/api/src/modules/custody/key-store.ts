import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { fromHex, toHex } from '@evmtrail/shared';

/**
 * Where district signing keys live, outside the database (issue 6, item 6). The database keeps
 * only the public half (`district_keys.vkey`); the signer asks the store for the private seed by
 * key id. Demo: one file per key; tests: memory; production: an HSM behind the same interface
 * (docs/keys.md).
 */
export interface KeyStore {
  /** The 32-byte Ed25519 seed of a key, or undefined if this store does not hold it. */
  get(keyId: string): Promise<Uint8Array | undefined>;
  put(keyId: string, seed: Uint8Array): Promise<void>;
  readonly description: string;
}

export function memoryKeyStore(): KeyStore {
  const keys = new Map<string, Uint8Array>();
  return {
    description: 'memory',
    get: (keyId) => Promise.resolve(keys.get(keyId)),
    put(keyId, seed) {
      keys.set(keyId, new Uint8Array(seed));
      return Promise.resolve();
    },
  };
}

function checkKeyId(keyId: string): string {
  if (!/^[0-9a-f]{8,64}$/.test(keyId)) throw new Error(`Key id '${keyId}' is not hex`);
  return keyId;
}

/** One file `<dir>/<keyId>.ed25519` per key, the seed in hex, readable by the owner only. */
export function fileKeyStore(dir: string): KeyStore {
  const pathOf = (keyId: string) => join(dir, `${checkKeyId(keyId)}.ed25519`);
  return {
    description: `files in ${dir}`,
    async get(keyId) {
      try {
        return fromHex((await readFile(pathOf(keyId), 'utf8')).trim());
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async put(keyId, seed) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const path = pathOf(keyId);
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, `${toHex(seed)}\n`, { mode: 0o600 });
      await chmod(temporary, 0o600);
      await rename(temporary, path);
    },
  };
}

/** The key directory: EVMTRAIL_KEY_DIR, else `keys` next to the PGlite data dir; none in memory. */
export function keyDirFor(input: { keyDir?: string; pgliteDataDir?: string }): string | undefined {
  if (input.keyDir) return input.keyDir;
  return input.pgliteDataDir ? join(dirname(input.pgliteDataDir), 'keys') : undefined;
}

let current: KeyStore = memoryKeyStore();

/** Chooses the process's key store (server and seed start-up); tests keep the memory default. */
export function useKeyStore(store: KeyStore): void {
  current = store;
}

export function currentKeyStore(): KeyStore {
  return current;
}
