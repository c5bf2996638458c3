import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system) that this process's waited-for child processes
 * used, all their threads together: the cutime and cstime fields of
 * /proc/self/stat. Read it before and after a spawnSync; the difference is
 * the child's CPU time. Linux only: elsewhere (or when /proc or `getconf
 * CLK_TCK` is missing) it is undefined, and the benchmark leaves the CPU rows
 * out. The resolution is one clock tick (10 ms on Linux).
 */
export function childrenCpuSeconds(): number | undefined {
  const perSecond = clockTicksPerSecond();
  if (perSecond === undefined) return undefined;
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return undefined;
  }
  const ticks = childrenTicksOf(stat);
  return ticks === undefined ? undefined : ticks / perSecond;
}

/**
 * cutime + cstime, in clock ticks, from the text of /proc/<pid>/stat (proc(5): fields 16 and 17);
 * undefined when the text does not have them. The second field is the command name in
 * parentheses, which may itself hold spaces and parentheses: fields are counted after its last ')'.
 */
export function childrenTicksOf(stat: string): number | undefined {
  const end = stat.lastIndexOf(')');
  if (end < 0) return undefined;
  // After the name: field 3 (state) is the first, so field n is at index n - 3.
  const fields = stat
    .slice(end + 1)
    .trim()
    .split(/\s+/);
  const cutime = Number(fields[16 - 3]);
  const cstime = Number(fields[17 - 3]);
  if (!Number.isInteger(cutime) || !Number.isInteger(cstime)) return undefined;
  return cutime + cstime;
}

let ticksPerSecond: number | undefined | null = null;

/** sysconf(_SC_CLK_TCK), the unit of /proc's times, asked of getconf once. */
function clockTicksPerSecond(): number | undefined {
  if (ticksPerSecond === null) {
    try {
      const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
      ticksPerSecond = Number.isInteger(n) && n > 0 ? n : undefined;
    } catch {
      ticksPerSecond = undefined;
    }
  }
  return ticksPerSecond;
}
