export { collectAccount, collectors, allOperations, SERVICE_IDS } from './collect.js';
export type { AccountCollection, CollectOptions, CollectProgress } from './collect.js';
export { createLiveCallSource, DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS } from './calls.js';
export type { CallError, CallResult, CallSource, ClientFactory, LiveCallSourceOptions, SdkClientLike, SnapshotCall, StaticCredentials } from './calls.js';
export { SNAPSHOT_FORMAT, MAX_SNAPSHOT_DEPTH, buildSnapshot, createSnapshotCallSource, parseSnapshot, readSnapshot, saveTargetProblem, writeSnapshot } from './snapshot.js';
export type { BuildOptions, Snapshot, SnapshotResult } from './snapshot.js';
export { iamAction } from './iam.js';
