import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { measureCalibrationMs } from './calibration.ts';

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memoryTotalGiB: number;
  freeH: string;
  node: string;
  kernel: string;
  /** 1, 5 and 15 minute load averages when the run began: other work on a shared machine shows up here. */
  loadAverage: number[];
  /** Time of a fixed CPU workload (see calibration.ts): compare it between runs before comparing their numbers. */
  calibrationMs: number;
}

function readCpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) return match[1]!.trim();
  } catch {
    // Not Linux.
  }
  return cpus()[0]?.model ?? 'unknown';
}

function runOrUnknown(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** What a reader needs to weigh the numbers: the same figures `nproc`, `free -h`, `node -v` and /proc/cpuinfo give. */
export function describeMachine(): MachineInfo {
  return {
    nproc: availableParallelism(),
    cpuModel: readCpuModel(),
    memoryTotalGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    freeH: runOrUnknown('free', ['-h']),
    node: process.version,
    kernel: runOrUnknown('uname', ['-sr']),
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
    calibrationMs: Math.round(measureCalibrationMs() * 10) / 10,
  };
}
