/*
 * The rule registry: every file of src/rules, one import per rule, sorted by rule name (a test
 * checks both). Each rule's severity in the presets is its `meta.docs.recommended`
 * (src/configs.ts).
 */
import type { TSESLint } from "@typescript-eslint/utils";
import type { RedisRuleDocs } from "../util/create-rule.js";
import noCommandsOnSubscriber from "./no-commands-on-subscriber.js";
import noDanglingWatch from "./no-dangling-watch.js";
import noIgnoredExecErrors from "./no-ignored-exec-errors.js";
import noKeys from "./no-keys.js";
import noNonatomicReadModifyWrite from "./no-nonatomic-read-modify-write.js";
import noReadInMulti from "./no-read-in-multi.js";
import noSetnxExpire from "./no-setnx-expire.js";
import noSharedTransactionClient from "./no-shared-transaction-client.js";
import noUncheckedExec from "./no-unchecked-exec.js";
import noUnsafeLockRelease from "./no-unsafe-lock-release.js";
import noWatchInMulti from "./no-watch-in-multi.js";
import noWriteInDbTransaction from "./no-write-in-db-transaction.js";
import requireExec from "./require-exec.js";
import requireLockTtl from "./require-lock-ttl.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const rules: Record<string, TSESLint.RuleModule<string, any[], RedisRuleDocs>> = {
  "no-commands-on-subscriber": noCommandsOnSubscriber,
  "no-dangling-watch": noDanglingWatch,
  "no-ignored-exec-errors": noIgnoredExecErrors,
  "no-keys": noKeys,
  "no-nonatomic-read-modify-write": noNonatomicReadModifyWrite,
  "no-read-in-multi": noReadInMulti,
  "no-setnx-expire": noSetnxExpire,
  "no-shared-transaction-client": noSharedTransactionClient,
  "no-unchecked-exec": noUncheckedExec,
  "no-unsafe-lock-release": noUnsafeLockRelease,
  "no-watch-in-multi": noWatchInMulti,
  "no-write-in-db-transaction": noWriteInDbTransaction,
  "require-exec": requireExec,
  "require-lock-ttl": requireLockTtl,
};
