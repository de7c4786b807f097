// zod, loaded on first use. Schemas are only needed when a config file, usage profile or
// snapshot is actually read; a plain `stackaudit scan` should not pay zod's ~50 ms start-up.
// Loaded through require (zod ships a CommonJS build) so schema builders stay synchronous.

import { createRequire } from 'node:module';
import type * as Zod from 'zod';

const requireModule = createRequire(import.meta.url);
let loaded: typeof Zod | undefined;

export function zod(): typeof Zod {
  loaded ??= requireModule('zod') as typeof Zod;
  return loaded;
}

/** A schema built once, on first use. */
export function lazySchema<T>(build: (z: typeof Zod.z) => T): () => T {
  let schema: T | undefined;
  return () => (schema ??= build(zod().z));
}
