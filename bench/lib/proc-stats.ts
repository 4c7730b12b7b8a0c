import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface MemoryUsage {
  /** Resident set size now (VmRSS), MB. */
  rssMb: number;
  /** Peak resident set size since the process started (VmHWM), MB. */
  peakRssMb: number;
}

/** Memory of another process, from /proc/<pid>/status (Linux only). */
export function readMemoryUsage(pid: number): MemoryUsage {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const readKb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`${field} missing from /proc/${pid}/status`);
    return Number(match[1]);
  };
  return { rssMb: readKb('VmRSS') / 1024, peakRssMb: readKb('VmHWM') / 1024 };
}

let clockTicksPerSecond: number | null = null;

/** CPU time (user + system) another process has used so far, in ms, from /proc/<pid>/stat. */
export function readCpuTimeMs(pid: number): number {
  clockTicksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name, which may itself hold spaces; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks / clockTicksPerSecond) * 1000;
}

export interface SystemCpuSample {
  busyTicks: number;
  totalTicks: number;
}

/** Machine-wide CPU counters from /proc/stat (all cores), to tell how busy the shared machine was during a window. */
export function readSystemCpu(): SystemCpuSample {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return { busyTicks: total - idle, totalTicks: total };
}

/** Share of all cores that were busy between two samples, 0–1. */
export function computeBusyShare(before: SystemCpuSample, after: SystemCpuSample): number {
  const total = after.totalTicks - before.totalTicks;
  return total > 0 ? (after.busyTicks - before.busyTicks) / total : 0;
}
