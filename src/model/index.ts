/**
 * The model: the one entry the rules import. `getModel` gives the file's model (which calls are
 * Redis commands, on which clients, in which transactions); the rest are the model's types and
 * the Redis knowledge rules share (commands, keys, locks, client packages, installed versions).
 * AST helpers that know nothing of Redis are in src/ast/.
 */
export { getModel } from "./get-model.js";
export type {
  AliasValue,
  CallAlias,
  ClientValue,
  FileModel,
  Lives,
  ModelBuild,
  Receiver,
  RedisCall,
  RedisValue,
  Transaction,
  TxValue,
  Value,
  Via,
} from "./types.js";
export { isIoredisNonPipelineMulti, opensRawMulti } from "./transactions.js";
export { type UnsentBuilder, builderDropped, queuedChainEnd, unsentBuilders } from "./transactions.js";
export * from "./clients.js";
export * from "./commands.js";
export * from "./keys.js";
export * from "./indexes.js";
export { keyShapeOrCall } from "./key-calls.js";
export { keyArguments, writesByKeyShape } from "./key-args.js";
export { type Condition, type FunctionFlow, type Taint, ValueFlow, conditionsOn, flowOf } from "./flow.js";
export { type LocksWithin, inLockCallback, lockHeldBetween, locksWithin } from "./lock-spans.js";
export {
  type ExecCandidate,
  type ExecCheckMode,
  type ExecFacts,
  type ExecFinding,
  execNullCandidates,
  execResultFinding,
  watchBefore,
} from "./exec-checks.js";
export { type Watch, watchedBefore, watchesOf } from "./watches.js";
export { watchedByCallback } from "./watches.js";
export { resultCallback, runsOnResult } from "./flow.js";
export { type Exit as WatchExit, type WatchClears, danglingWatchListeners, watchClears } from "./watch-exits.js";
export * from "./locks.js";
export { checkedReleaseShapes, isForceReleaseName, isNxDataWrite } from "./lock-intent.js";
export {
  type SharedOpener,
  type SharedTransactions,
  type SharedUse,
  type SharingOptions,
  opensTransactionState,
  redirectClientCalls,
  scriptOnly,
  sharedTransactions,
} from "./sharing.js";
export {
  COUNTER_ARITY,
  COUNTER_COMMANDS,
  EXPIRE_COMMANDS,
  type ExpiryPair,
  FLOAT_COUNTERS,
  expiryPairs,
  queuedRemoval,
  runsExactlyOnSuccess,
  sameClient,
  sameServer,
} from "./expiry.js";
export * from "./settings.js";
export {
  type ClockReading,
  type ExpiryOption,
  type ExpirySlot,
  type DurationUnit,
  type NamedValue,
  clockReading,
  expirySlots,
  nameUnit,
  namedValue,
  pxatDateInSeconds,
  swappedSetex,
} from "./ttl-units.js";
export { type CreatedClient, type MadeAs, clientsWithoutErrorListener } from "./error-listeners.js";
export { type KeySlot, MULTI_KEY_COMMANDS, crossSlotPair, keySlot, mayPrefixKeys, slotKeyArguments } from "./slots.js";
export { type QueuedKey, callKeySlots, crossSlotQueued, sharedHashTag } from "./slots.js";
export {
  type DatabaseImports,
  type DbTransaction,
  type DbTransactionScopes,
  databaseImports,
  dbTransactionScopes,
  looksLikeDatabase,
  runsNow,
} from "./databases.js";
export { type DbWrite, databaseWrite, dataWords, taggedSqlWrite } from "./database-writes.js";
export { type BlockingCall, type BlockingOptions, blockingCommandOf, blockingOnSharedClients } from "./blocking.js";
export { type ConsumerSpan, consumerSpan } from "./consumer-span.js";
export { CURSOR_COMMANDS, cursorDropped } from "./scan-cursor.js";
export { type DynamicPart, dynamicScriptPart } from "./script-text.js";
export { type CompensatingPair, type CounterDelta, compensatingPairs, counterDelta } from "./compensation.js";
export { type UnconnectedClient, unconnectedClients, writtenForNodeRedis4 } from "./connects.js";
export { type ExecCallbackFacts, Results, execCallbackOf } from "./exec-results.js";
export {
  type ProtocolDecision,
  type VersionedPackage,
  decideProtocol,
  installedMajor,
  installedMajorFrom,
  nodeRedisMajor,
  startDirectory,
} from "./versions.js";

// Test and tooling only (tests/model, scripts/model-equivalence.mjs, scripts/model-cost.mjs).
export { buildModelForTest, earlyExitAdmits } from "./get-model.js";
export { isPromisified } from "./recognition/aliases.js";
export { hasHint, hasHintSlow } from "./early-exit.js";
