import { Command, CommanderError } from 'commander';
import { ReportError } from '../report/ReportError.ts';
import type { CliIo } from './CliIo.ts';
import { registerBugsCommand } from './commands/bugsCommand.ts';
import { registerCheckCommand } from './commands/checkCommand.ts';
import { registerMatrixCommand } from './commands/matrixCommand.ts';
import { registerReplayCommand } from './commands/replayCommand.ts';
import { registerReportCommand } from './commands/reportCommand.ts';
import { registerRunCommand } from './commands/runCommand.ts';
import { DEFAULT_MATRIX_MODULE } from './MatrixApi.ts';
import { UsageError } from './UsageError.ts';
import { VerdictExit } from './VerdictExit.ts';

export type { CliIo } from './CliIo.ts';

export interface CliOptions {
  /** URL of the matrix module the commands run (see MatrixApi); tests give a small one. */
  readonly matrixModule?: string;
}

const defaultIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  interactive: process.stderr.isTTY === true,
};

/** Builds the `streamproof` program; commands print through `io`. */
export function buildProgram(io: CliIo = defaultIo, options: CliOptions = {}): Command {
  const module = options.matrixModule ?? DEFAULT_MATRIX_MODULE;
  const program = new Command('streamproof')
    .description('prove or refute the consistency guarantees of Flink-style stream processing')
    .version('0.1.0')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      // Errors are printed once, as one line, by runCli below.
      writeErr: () => {},
    });
  registerMatrixCommand(program, io, module);
  registerRunCommand(program, io, module);
  registerReplayCommand(program, io, module);
  registerCheckCommand(program, io);
  registerReportCommand(program, io, module);
  registerBugsCommand(program, io);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** One line for a command-line error: what is wrong, then what to do. */
function usageLine(message: string, argv: readonly string[], commands: readonly string[]): string {
  const clean = message
    .replace(/^error:\s*/, '')
    .replace(/\n+/g, ' ')
    .trim();
  const first = argv.find((a) => !a.startsWith('-'));
  const command = first !== undefined && commands.includes(first) ? first : undefined;
  const help = command ? `streamproof ${command} --help` : 'streamproof --help';
  return `streamproof: ${clean} (see '${help}')`;
}

/**
 * Runs the CLI on `argv` (without node and script) and returns the exit code:
 * 0 = all good, 1 = a verdict disagrees (a violation, a finding), 2 = bad
 * input (flag, scenario, history, report, missing file), 3 = internal error.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = defaultIo,
  options: CliOptions = {},
): Promise<number> {
  const program = buildProgram(io, options);
  const commands = program.commands.map((c) => c.name());
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof VerdictExit) return error.exitCode;
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code === 'commander.help') return 0;
      io.err(usageLine(error.message, argv, commands));
      return 2;
    }
    if (error instanceof UsageError || error instanceof ReportError) {
      io.err(usageLine(error.message, argv, commands));
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    io.err(`streamproof: internal error: ${message} (please report it with the command you ran)`);
    if (process.env.STREAMPROOF_DEBUG) io.err(error instanceof Error ? (error.stack ?? '') : '');
    return 3;
  }
}
