/* The rule registry. Keep the list sorted as below; one import per rule. */
import type { TSESLint } from "@typescript-eslint/utils";
import noKeys from "./no-keys.js";
import noReadInMulti from "./no-read-in-multi.js";
import noSetnxExpire from "./no-setnx-expire.js";
import noUncheckedExec from "./no-unchecked-exec.js";
import noSharedTransactionClient from "./no-shared-transaction-client.js";
import requireLockTtl from "./require-lock-ttl.js";
import noUnsafeLockRelease from "./no-unsafe-lock-release.js";
import noNonatomicReadModifyWrite from "./no-nonatomic-read-modify-write.js";
import noIgnoredExecErrors from "./no-ignored-exec-errors.js";
import noWatchInMulti from "./no-watch-in-multi.js";
import noDanglingWatch from "./no-dangling-watch.js";
import requireExec from "./require-exec.js";
import noCommandsOnSubscriber from "./no-commands-on-subscriber.js";
import noWriteInDbTransaction from "./no-write-in-db-transaction.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const rules: Record<string, TSESLint.RuleModule<string, any[]>> = {
  "no-keys": noKeys,
  "no-read-in-multi": noReadInMulti,
  "no-setnx-expire": noSetnxExpire,
  "no-unchecked-exec": noUncheckedExec,
  "no-shared-transaction-client": noSharedTransactionClient,
  "require-lock-ttl": requireLockTtl,
  "no-unsafe-lock-release": noUnsafeLockRelease,
  "no-nonatomic-read-modify-write": noNonatomicReadModifyWrite,
  "no-ignored-exec-errors": noIgnoredExecErrors,
  "no-watch-in-multi": noWatchInMulti,
  "no-dangling-watch": noDanglingWatch,
  "require-exec": requireExec,
  "no-commands-on-subscriber": noCommandsOnSubscriber,
  "no-write-in-db-transaction": noWriteInDbTransaction,
};

/** Severity in the `recommended` preset (absent: not in it). */
export const ruleLevels: Record<string, "error" | "warn" | undefined> = {
  "no-keys": "error",
  "no-read-in-multi": "error",
  "no-setnx-expire": "error",
  "no-unchecked-exec": "error",
  "no-shared-transaction-client": "error",
  "require-lock-ttl": "error",
  "no-unsafe-lock-release": "error",
  "no-nonatomic-read-modify-write": "error",
  "no-ignored-exec-errors": "error",
  "no-watch-in-multi": "error",
  "no-dangling-watch": "error",
  "require-exec": "error",
  "no-commands-on-subscriber": "error",
  "no-write-in-db-transaction": "warn",
};
