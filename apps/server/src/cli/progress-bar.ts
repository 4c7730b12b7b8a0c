const count = new Intl.NumberFormat('en-US');

/** One line of progress: `[#####.....] 45% 4,500/10,000 rows`. */
export function renderProgressBar(done: number, total: number, options: { width?: number; unit?: string } = {}): string {
  const width = options.width ?? 10;
  const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  // Rounded, but full only when done: 45% of 10 shows five marks, 99% shows nine.
  const filled = ratio < 1 ? Math.min(width - 1, Math.round(ratio * width)) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(ratio * 100)}% ${count.format(done)}/${count.format(total)} ${options.unit ?? 'rows'}`;
}

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * Draws a progress bar on a terminal, redrawing one line in place; on a pipe or a log file it writes a line only
 * at each further 10%, so logs stay short.
 */
export function createProgressReporter(out: ProgressOutput, total: number, unit = 'rows') {
  let lastDecile = -1;
  return {
    update(done: number) {
      if (out.isTTY) {
        out.write(`\r${renderProgressBar(done, total, { width: 30, unit })}`);
        return;
      }
      const decile = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (decile === lastDecile) return;
      lastDecile = decile;
      out.write(`${renderProgressBar(done, total, { unit })}\n`);
    },
    finish() {
      if (out.isTTY) out.write('\n');
    },
  };
}
