export * from "./ast.js";
export * from "./clients.js";
export * from "./commands.js";
export * from "./file-model.js";
export * from "./keys.js";
export * from "./settings.js";
export * from "./usage.js";
export * from "./locks.js";
