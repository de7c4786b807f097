export { startAwsWire, type AwsWireServer, type Fault, type FaultKind, type RecordedRequest, type Responder, type Answer } from './server.js';
export { snapshotResponder, wireSource, fastAdaptiveRetry, TEST_CREDENTIALS, type WireSourceOptions } from './account.js';
export type { WireCall } from './protocols.js';
