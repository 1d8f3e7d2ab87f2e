// STUB: to be replaced by the real rule. Not shipped while this line is here.
import { createRule } from "../util/create-rule.js";

export default createRule({
  name: "no-unsafe-lock-release",
  meta: { type: "problem", docs: { description: "TODO" }, schema: [], messages: { todo: "todo" } },
  defaultOptions: [],
  create: () => ({}),
});
