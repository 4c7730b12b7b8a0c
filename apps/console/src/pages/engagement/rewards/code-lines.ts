/** The codes of a pasted list or a CSV file (first column), each with its line number; blank lines are skipped. */
export function readCodeLines(text: string) {
  return text.split(/\r?\n/).map((line, index) => ({ line: index + 1, code: (line.split(/[,;\t]/)[0] ?? '').trim().replace(/^"|"$/g, '') }))
    .filter((item) => item.code !== '');
}
