export type { NodeUnderTest } from './nodeUnderTest';
export { runNode } from './runNode';
export type { NodeRunResult, RunNodeOptions } from './runNode';
export { testCredential } from './testCredential';
export { retryExecution } from './retryExecution';
