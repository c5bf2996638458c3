import type { Command } from 'commander';
import type { CliIo } from '../CliIo.ts';
import { parseChoices, parsePositiveInt, parseSeed } from '../parseSeed.ts';
import { VerdictExit } from '../VerdictExit.ts';
import type { RunFlags } from './runScenario.ts';

/** `streamproof run [scenario]`: runs one named scenario or scenario file and prints verdicts and trace hash. */
export function registerRunCommand(program: Command, io: CliIo, module: string): void {
  const command = program
    .command('run')
    .description(
      'run one scenario (a name from scenarios/ or a scenario file) and print its verdicts and trace hash',
    )
    .argument('[scenario]', "named scenario or scenario file ('streamproof run --list' lists them)", 'demo')
    .option(
      '--seed <n>',
      "master seed, an integer from 0 to 4294967295 (default: the scenario's, else 0)",
      parseSeed,
      0,
    )
    .option('--records <n>', 'records per producer (demo)', parsePositiveInt, 20)
    .option('--producers <n>', 'number of producers (demo)', parsePositiveInt, 2)
    .option('--choices <list>', 'scheduler choices to take first, e.g. 0,1,0', parseChoices, [])
    .option('--runs <n>', 'runs of the property (matrix-entry scenarios)', parsePositiveInt)
    .option('--out <dir>', 'where a matrix-entry scenario writes its report', 'reports')
    .option('--history <file>', 'write the run history as JSON (list-append), for streamproof check')
    .option('--timeline', 'print the run as a timeline (list-append)')
    .option('--trace', 'print every trace event (demo)')
    .option('--json', 'print one JSON object instead of text')
    .option('--list', 'list the named scenarios and exit');
  command.action(async (ref: string, flags: RunFlags) => {
    const given = (flag: string) => command.getOptionValueSource(flag) === 'cli';
    const { runScenarioCommand } = await import('./runScenario.ts');
    const code = await runScenarioCommand(ref, flags, given, io, module);
    if (code !== 0) throw new VerdictExit(code);
  });
}
