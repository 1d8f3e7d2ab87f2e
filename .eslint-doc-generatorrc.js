// eslint-doc-generator: the rules table in README.md and the header of each docs/rules/<rule>.md,
// generated from the built plugin (dist/, through package.json "exports"). `npm run docs` writes,
// `npm run docs:check` fails on any difference.
//
// Rules whose source file still starts with `// STUB:` are left out of the build
// (tsdown.config.ts), so they need no doc yet; every shipped rule needs docs/rules/<rule>.md.

/** @type {import("eslint-doc-generator").GenerateOptions} */
const config = {
  configEmoji: [
    ["recommended", "✅"],
    ["strict", "🔒"],
    ["all", "🌐"],
    ["recommended-type-checked", "☑️"],
  ],
  // The title already carries the description: no separate 📝 notice.
  ruleDocTitleFormat: "desc-parens-prefix-name",
  ruleDocNotices: ["deprecated", "configs", "fixableAndHasSuggestions", "requiresTypeChecking"],
  // The rule-doc template: every doc has these sections, "Options" included ("This rule has no
  // options." where there are none), so the generator's own Options check is replaced by this;
  // rules with options list them between the generated rule-options-list markers.
  ruleDocSectionInclude: ["Why", "Examples", "Options", "When not to use it", "Further reading"],
  ruleDocSectionOptions: false,
  ruleListColumns: [
    "name",
    "description",
    "configsError",
    "configsWarn",
    "configsOff",
    "fixable",
    "hasSuggestions",
    "requiresTypeChecking",
    "deprecated",
  ],
};

export default config;
