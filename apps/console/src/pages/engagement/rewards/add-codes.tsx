import { useState } from 'react';
import { addCouponCodes } from '../../../api/rewards-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';

/** Generate calls stay small so the bar moves and one slow call never holds thousands of codes. */
const GENERATE_CHUNK = 1000;
const IMPORT_CHUNK = 5000;

/** The codes of a pasted list or a CSV file (first column), each with its line number; blank lines are skipped. */
export function readCodeLines(text: string) {
  return text.split(/\r?\n/).map((line, index) => ({ line: index + 1, code: (line.split(/[,;\t]/)[0] ?? '').trim().replace(/^"|"$/g, '') }))
    .filter((item) => item.code !== '');
}

/** Adds codes to a pool: generate n with a progress bar, or import a pasted list or a CSV file with errors by line. */
export function AddCodes({ poolId, onAdded }: { poolId: string; onAdded(): void }) {
  const { t, formatNumber } = useI18n();
  const account = useCurrentAccount();
  const [count, setCount] = useState('100');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [pasted, setPasted] = useState('');
  const [result, setResult] = useState<{ accepted: number; errors: { line: number; message: string }[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const busy = progress !== null;

  async function generate() {
    const total = Math.floor(Number(count));
    setError(null);
    setResult(null);
    setProblem(null);
    if (!Number.isFinite(total) || total < 1 || total > 100_000) { setProblem(t('rewards.generateRange')); return; }
    setProgress({ done: 0, total });
    try {
      let done = 0;
      while (done < total) {
        const n = Math.min(GENERATE_CHUNK, total - done);
        done += (await addCouponCodes(account.id, poolId, { generate: n })).accepted;
        setProgress({ done, total });
      }
      setResult({ accepted: done, errors: [] });
      onAdded();
    } catch (reason) {
      setError(reason);
    } finally {
      setProgress(null);
    }
  }

  async function importCodes(text: string) {
    const items = readCodeLines(text);
    setError(null);
    setResult(null);
    setProblem(null);
    if (items.length === 0) { setProblem(t('rewards.importEmpty')); return; }
    setProgress({ done: 0, total: items.length });
    try {
      let accepted = 0;
      const errors: { line: number; message: string }[] = [];
      for (let start = 0; start < items.length; start += IMPORT_CHUNK) {
        const chunk = items.slice(start, start + IMPORT_CHUNK);
        const answer = await addCouponCodes(account.id, poolId, { codes: chunk.map((item) => item.code) });
        accepted += answer.accepted;
        // The server counts from 0 in what it was sent; people read line numbers of what they pasted.
        errors.push(...answer.errors.map((item) => ({ line: chunk[item.index]?.line ?? 0, message: item.message.replace(/at index (\d+)/, (_match, index: string) => `on line ${chunk[Number(index)]?.line ?? '?'}`) })));
        setProgress({ done: start + chunk.length, total: items.length });
      }
      setResult({ accepted, errors });
      setPasted('');
      onAdded();
    } catch (reason) {
      setError(reason);
    } finally {
      setProgress(null);
    }
  }

  return (
    <section className="panel" aria-labelledby="add-codes-heading">
      <h2 id="add-codes-heading" className="panel-title">{t('rewards.addCodes')}</h2>
      <div className="form-row">
        <div className="field field-grow">
          <label htmlFor="generate-count">{t('rewards.generateCount')}</label>
          <input id="generate-count" className="input" type="number" min={1} max={100000} value={count} onChange={(event) => setCount(event.currentTarget.value)} />
        </div>
      </div>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={() => void generate()} disabled={busy}>{t('rewards.generate')}</button>
      </div>
      <div className="field">
        <label htmlFor="import-codes">{t('rewards.pasteCodes')}</label>
        <textarea id="import-codes" className="textarea input-mono" rows={5} value={pasted} onChange={(event) => setPasted(event.currentTarget.value)} aria-describedby="import-codes-hint" />
        <p id="import-codes-hint" className="field-hint">{t('rewards.pasteHint')}</p>
      </div>
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={() => void importCodes(pasted)} disabled={busy || !pasted.trim()}>{t('rewards.importCodes')}</button>
        <label className="button button-secondary">
          {t('rewards.importFile')}
          <input type="file" accept=".csv,.txt,text/csv,text/plain" className="visually-hidden" disabled={busy}
            onChange={(event) => { const file = event.currentTarget.files?.[0]; event.currentTarget.value = ''; if (file) void file.text().then(importCodes); }} />
        </label>
      </div>
      {progress ? (
        <div role="status">
          <label htmlFor="codes-progress" className="small">{t('rewards.progress', { done: formatNumber(progress.done), total: formatNumber(progress.total) })}</label>
          <progress id="codes-progress" className="progress" max={progress.total} value={progress.done} />
        </div>
      ) : null}
      {problem ? <p className="notice notice-error" role="alert">{problem}</p> : null}
      <ErrorNotice error={error} />
      {result ? (
        <div className={`notice ${result.errors.length ? 'notice-warning' : 'notice-info'}`} role="status">
          <p>{t('rewards.added', { count: formatNumber(result.accepted) })}</p>
          {result.errors.length ? (
            <>
              <p>{t('rewards.refusedLines', { count: formatNumber(result.errors.length) })}</p>
              <ul className="import-errors">
                {result.errors.map((item) => <li key={`${item.line}-${item.message}`}>{t('rewards.lineError', { line: item.line, message: item.message })}</li>)}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
