import { parseArgs } from 'node:util';

export interface BenchArgs {
  /** Fewer repeats: a quick look, not for the issue note. */
  readonly quick: boolean;
  /** Where bench.json and bench.md go. */
  readonly out: string;
  /** Print the usage and run nothing. */
  readonly help: boolean;
  /** Print the report as JSON on stdout instead of the table, and no progress. */
  readonly json: boolean;
  /** An earlier bench.json to compare this run's figures with. */
  readonly compare?: string;
}

export const BENCH_USAGE = [
  'usage: npm run bench [-- [--quick] [--out <dir>] [--json] [--compare <bench.json>]]',
  '  --quick      fewer repeats (3 instead of 7-15; 1 instead of 2-3 for the matrix, heap and scaling',
  '               figures), and the long --workers comparison at 2000 runs per entry instead of 20,000',
  '               (a quick look, not for the issue note)',
  '  --out <dir>  where to write bench.json and bench.md (default: reports/)',
  '  --json       print the report as JSON on stdout instead of the table, and no progress lines',
  '  --compare <bench.json>',
  "               an earlier run's report (read before this run writes its own): prints each figure's",
  "               median then and now, and whether it moved beyond the noise of the two runs' repeats",
].join('\n');

/** A bad `npm run bench` command line; the message is one line that says what to do. */
export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchUsageError';
  }
}

/** Parses the benchmark's flags; throws BenchUsageError for anything else. */
export function parseBenchArgs(argv: readonly string[], defaultOut: string): BenchArgs {
  let values: { quick?: boolean; out?: string; help?: boolean; json?: boolean; compare?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        quick: { type: 'boolean', default: false },
        out: { type: 'string', default: defaultOut },
        help: { type: 'boolean', short: 'h', default: false },
        json: { type: 'boolean', default: false },
        compare: { type: 'string' },
      },
    }));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new BenchUsageError(
      `bench: ${reason}; the flags are --quick, --out <dir>, --json and --compare <bench.json> (npm run bench -- --help)`,
    );
  }
  const out = values.out ?? defaultOut;
  if (out.trim() === '') throw new BenchUsageError('bench: --out needs a directory, e.g. --out /tmp/bench');
  if (values.compare !== undefined && values.compare.trim() === '') {
    throw new BenchUsageError('bench: --compare needs a file, e.g. --compare reports/bench.json');
  }
  return {
    quick: values.quick === true,
    out,
    help: values.help === true,
    json: values.json === true,
    ...(values.compare === undefined ? {} : { compare: values.compare }),
  };
}
