import type { Command } from 'commander';
import { DEFAULT_REPORT_FILE } from '../../report/ReplayCommand.ts';
import type { CliIo } from '../CliIo.ts';
import { parseDefect, parseWorkload } from '../parseDefects.ts';
import { parseSeed } from '../parseSeed.ts';
import type { ReplayFlags } from './replayScenario.ts';

/**
 * `streamproof replay <scenario> --seed S --path P`: re-runs one case exactly
 * and prints it as a timeline (records, barriers, snapshots, faults, commits,
 * restarts), then the verdicts and the trace hash. Exit code 1 when the case
 * violates what its scenario expects, as the original run did.
 */
export function registerReplayCommand(program: Command, io: CliIo, module: string): void {
  program
    .command('replay')
    .description('re-run one case exactly and print its timeline, verdicts and trace hash')
    .argument(
      '<scenario>',
      'the scenario the case belongs to: a name from scenarios/ (a matrix entry, a list-append job) or a file',
    )
    .requiredOption('--seed <n>', 'the seed printed with the failure', parseSeed)
    .option('--path <p>', 'the path printed with the failure (colon-separated integers)', '')
    .option(
      '--report <file>',
      'a consistency.json (with --defect: a bugs.json) to compare the trace hash with, when it has the case',
      DEFAULT_REPORT_FILE,
    )
    .option(
      '--defect <name>',
      'switch this seeded bug on, as `streamproof bugs` did (matrix entries)',
      parseDefect,
    )
    .option(
      '--workload <name>',
      'the keyed function: list-append or event-time-buffer (matrix entries)',
      parseWorkload,
    )
    .option('--no-records', 'leave the per-record lines out of the timeline')
    .option('--json', 'print the timeline and verdicts as one JSON object')
    .action(async (ref: string, flags: ReplayFlags) => {
      const { replayScenarioCommand } = await import('./replayScenario.ts');
      await replayScenarioCommand(ref, flags, io, module);
    });
}
