/*
 * The rule registry: every file of src/rules, one import per rule, sorted by rule name (a test
 * checks both). Each rule's severity in the presets is its `meta.docs.recommended`
 * (src/configs.ts).
 */
import type { TSESLint } from "@typescript-eslint/utils";
import type { RedisRuleDocs } from "../util/create-rule.js";
import cacheDeleteAfterDbWrite from "./cache-delete-after-db-write.js";
import noBlockingOnSharedClient from "./no-blocking-on-shared-client.js";
import noCommandsOnSubscriber from "./no-commands-on-subscriber.js";
import noCompensatingDecrement from "./no-compensating-decrement.js";
import noCrossSlot from "./no-cross-slot.js";
import noDanglingWatch from "./no-dangling-watch.js";
import noDynamicLuaScript from "./no-dynamic-lua-script.js";
import noIgnoredExecErrors from "./no-ignored-exec-errors.js";
import noIncompleteScan from "./no-incomplete-scan.js";
import noKeys from "./no-keys.js";
import noNonatomicReadModifyWrite from "./no-nonatomic-read-modify-write.js";
import noReadInMulti from "./no-read-in-multi.js";
import noSetnxExpire from "./no-setnx-expire.js";
import noSharedTransactionClient from "./no-shared-transaction-client.js";
import noTtlUnitMismatch from "./no-ttl-unit-mismatch.js";
import noUncheckedExec from "./no-unchecked-exec.js";
import noUnsafeLockRelease from "./no-unsafe-lock-release.js";
import noWatchInMulti from "./no-watch-in-multi.js";
import noWriteInDbTransaction from "./no-write-in-db-transaction.js";
import requireConnect from "./require-connect.js";
import requireErrorListener from "./require-error-listener.js";
import requireExec from "./require-exec.js";
import requireLockTtl from "./require-lock-ttl.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const rules: Record<string, TSESLint.RuleModule<string, any[], RedisRuleDocs>> = {
  "cache-delete-after-db-write": cacheDeleteAfterDbWrite,
  "no-blocking-on-shared-client": noBlockingOnSharedClient,
  "no-commands-on-subscriber": noCommandsOnSubscriber,
  "no-compensating-decrement": noCompensatingDecrement,
  "no-cross-slot": noCrossSlot,
  "no-dangling-watch": noDanglingWatch,
  "no-dynamic-lua-script": noDynamicLuaScript,
  "no-ignored-exec-errors": noIgnoredExecErrors,
  "no-incomplete-scan": noIncompleteScan,
  "no-keys": noKeys,
  "no-nonatomic-read-modify-write": noNonatomicReadModifyWrite,
  "no-read-in-multi": noReadInMulti,
  "no-setnx-expire": noSetnxExpire,
  "no-shared-transaction-client": noSharedTransactionClient,
  "no-ttl-unit-mismatch": noTtlUnitMismatch,
  "no-unchecked-exec": noUncheckedExec,
  "no-unsafe-lock-release": noUnsafeLockRelease,
  "no-watch-in-multi": noWatchInMulti,
  "no-write-in-db-transaction": noWriteInDbTransaction,
  "require-connect": requireConnect,
  "require-error-listener": requireErrorListener,
  "require-exec": requireExec,
  "require-lock-ttl": requireLockTtl,
};
