export { collectAccount, collectors, allOperations, SERVICE_IDS } from './collect.js';
export type { AccountCollection, CollectOptions, CollectProgress } from './collect.js';
export { createLiveCallSource } from './calls.js';
export type { CallError, CallResult, CallSource, ClientFactory, LiveCallSourceOptions, SdkClientLike, SnapshotCall } from './calls.js';
export { SNAPSHOT_FORMAT, buildSnapshot, createSnapshotCallSource, parseSnapshot, readSnapshot, writeSnapshot } from './snapshot.js';
export type { Snapshot, SnapshotResult } from './snapshot.js';
export { iamAction } from './iam.js';
