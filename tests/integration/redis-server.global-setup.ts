// Placeholder: replaced by the integration harness.
export default function setup() {}
