import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from './server-process.ts';

export interface Revision {
  commit: string;
  /** True when the working tree differs from the commit (numbers may then belong to uncommitted code). */
  dirty: boolean;
}

/** The code the numbers belong to: other engineers commit while benchmarks run. */
export function describeRevision(): Revision {
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    return { commit: git(['rev-parse', '--short', 'HEAD']), dirty: git(['status', '--porcelain', '--untracked-files=no']).length > 0 };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}
