import { dialectsFor } from "../dialects/index.js";
import { CURSOR_COMMANDS, cursorDropped } from "../model/index.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "incompleteScan";

/** What one page of each cursor command holds, for the message. */
const ITEMS: Record<string, string> = {
  scan: "keys",
  hscan: "fields and values",
  sscan: "members",
  zscan: "members and scores",
};

/** The cursor's position among the arguments: SCAN's first, the key's commands' second. */
const CURSOR_ARGUMENT: Record<string, number> = { scan: 0, hscan: 1, sscan: 1, zscan: 1 };

export default createRule<[], MessageIds>({
  name: "no-incomplete-scan",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow reading one SCAN, HSCAN, SSCAN or ZSCAN page and dropping its cursor, which misses most of the data",
      recommended: "error",
    },
    schema: [],
    messages: {
      incompleteScan:
        "{{call}} returns one page of {{items}} and a cursor, and this code drops the cursor: the page is taken as the whole result. With MATCH a page often holds a few of the matching {{items}} or none, whatever COUNT says, so in production this silently misses data. Read every page: {{iteration}}.",
    },
  },
  create(context, _options, model) {
    const sourceCode = context.sourceCode;
    const dialects = dialectsFor(context, model);
    return {
      "Program:exit"() {
        for (const call of model.calls) {
          const command = call.command;
          if (command === null || !CURSOR_COMMANDS.has(command)) continue;
          // A command queued on a transaction replies through exec(), not here.
          if (call.receiver !== "client") continue;
          // Without its cursor (and key), the call is not the Redis command.
          if (call.args.length <= CURSOR_ARGUMENT[command]) continue;
          if (!cursorDropped(call, sourceCode)) continue;
          const dialect = dialects(call.family);
          context.report({
            node: call.node,
            messageId: "incompleteScan",
            data: {
              call: dialect.describeCall(call),
              items: ITEMS[command],
              iteration: dialect.cursorIteration(command, call.client?.cluster === true),
            },
          });
        }
      },
    };
  },
});
