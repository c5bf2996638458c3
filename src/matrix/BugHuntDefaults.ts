/**
 * The defaults of `streamproof bugs` and runBugCatalogue: in their own module,
 * without the bug runner, so that the CLI can declare its flags without
 * loading the simulation (commands load it only when they run).
 */
export const DEFAULT_BUG_RUNS = 200;
export const DEFAULT_BUG_SEED = 42;
