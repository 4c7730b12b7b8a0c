import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { getContactImport, IMPORT_COLUMNS, startContactImport, type ContactImport } from '../../api/contact-endpoints.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { navigate } from '../../router/history.ts';
import { Link } from '../../router/link.tsx';
import { useLocation } from '../../router/use-location.ts';
import { paths } from '../../routes/paths.ts';
import { buildMapping, guessColumn, previewCsv, type CsvPreview } from './csv-preview.ts';
import './contacts.css';
import { ContactsBackLink } from './contacts-back-link.tsx';

/** The import route's own limit (contact-routes.ts bodyLimit); bigger files go through the CLI. */
const MAX_BYTES = 20 * 1024 * 1024;
const POLL_MS = 1000;
const ATTRIBUTE = 'attr.';

interface Upload {
  fileName: string;
  csv: string;
  preview: CsvPreview;
  /** Header → column (`name`, …, `attr.<key>` or `ignore`). */
  columns: Record<string, string>;
}

const attributeKeyFor = (header: string) => header.trim().replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[-_]+/, '').slice(0, 64) || 'field';

/** CSV import: pick a file, check the columns and the first rows, import, follow the progress, read the summary. */
export function ContactImportPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const importId = search.get('id');
  const backLink = <ContactsBackLink />;
  return (
    <>
      <PageHeader before={backLink} title={t('contactImport.title')} description={t('contactImport.description')} />
      {importId ? <ImportProgress key={importId} importId={importId} /> : <ImportForm />}
    </>
  );
}

function ImportForm() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [upload, setUpload] = useState<Upload | null>(null);
  const [readError, setReadError] = useState<string | null>(null);

  async function handleFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setUpload(null);
    setReadError(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setReadError(t('contactImport.tooBig'));
      return;
    }
    const csv = await file.text();
    const preview = previewCsv(csv);
    if (preview.headers.length === 0) {
      setReadError(t('contactImport.empty'));
      return;
    }
    setUpload({ fileName: file.name, csv, preview, columns: Object.fromEntries(preview.headers.map((header) => [header, guessColumn(header)])) });
  }

  const { error, busy, handleSubmit } = useFormAction(async () => {
    if (!upload) return;
    const started = await startContactImport(account.id, { fileName: upload.fileName, csv: upload.csv, mapping: buildMapping(upload.preview.headers, upload.columns) });
    navigate(`${paths.contactImport(account.id)}?id=${encodeURIComponent(started.id)}`, { replace: true });
  });

  const setColumn = (header: string, column: string) => upload && setUpload({ ...upload, columns: { ...upload.columns, [header]: column } });
  const columnLabel = (column: string) => t(`contactImport.column.${column as (typeof IMPORT_COLUMNS)[number]}`);
  const mapped = upload ? Object.values(upload.columns) : [];
  const hasKey = mapped.includes('email') || mapped.includes('phone');

  return (
    <form className="panel form" onSubmit={handleSubmit} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-title">
        {t('contactImport.fileHeading')}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('contactImport.file')}</label>
        <input id={`${id}-file`} className="input" type="file" accept=".csv,text/csv" aria-describedby={`${id}-file-hint`} onChange={(event) => void handleFile(event)} />
        <p id={`${id}-file-hint`} className="field-hint">
          {t('contactImport.fileHint')}
        </p>
      </div>
      {readError ? (
        <p className="notice notice-error" role="alert">
          {readError}
        </p>
      ) : null}

      {upload ? (
        <>
          <div className="table-wrap">
            <table className="table table-responsive import-mapping">
              <caption className="table-caption">{t('contactImport.mappingCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('contactImport.header')}</th>
                  <th scope="col">{t('contactImport.sample')}</th>
                  <th scope="col">{t('contactImport.mapsTo')}</th>
                </tr>
              </thead>
              <tbody>
                {upload.preview.headers.map((header, index) => {
                  const column = upload.columns[header] ?? 'ignore';
                  const isAttribute = column.startsWith(ATTRIBUTE);
                  return (
                    <tr key={`${index}-${header}`}>
                      <th scope="row" data-label={t('contactImport.header')}>
                        {header || '—'}
                      </th>
                      <td data-label={t('contactImport.sample')}>{upload.preview.rows[0]?.[index] || '—'}</td>
                      <td data-label={t('contactImport.mapsTo')}>
                        <div className="import-column">
                          <select
                            className="select"
                            aria-label={t('contactImport.mapsToNamed', { header })}
                            value={isAttribute ? ATTRIBUTE : column}
                            onChange={(event) => setColumn(header, event.target.value === ATTRIBUTE ? `${ATTRIBUTE}${attributeKeyFor(header)}` : event.target.value)}
                          >
                            {IMPORT_COLUMNS.map((option) => (
                              <option key={option} value={option}>
                                {columnLabel(option)}
                              </option>
                            ))}
                            <option value={ATTRIBUTE}>{t('contactImport.column.attribute')}</option>
                            <option value="ignore">{t('contactImport.column.ignore')}</option>
                          </select>
                          {isAttribute ? (
                            <input
                              className="input input-mono"
                              aria-label={t('contactImport.attributeKeyNamed', { header })}
                              required
                              maxLength={64}
                              pattern="[A-Za-z0-9_][A-Za-z0-9_\-]*"
                              value={column.slice(ATTRIBUTE.length)}
                              onChange={(event) => setColumn(header, `${ATTRIBUTE}${event.target.value}`)}
                            />
                          ) : null}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {hasKey ? null : <p className="notice notice-warning">{t('contactImport.needsKey')}</p>}

          {upload.preview.rows.length > 0 ? (
            <div className="table-wrap">
              <table className="table import-preview">
                <caption className="table-caption">{t('contactImport.previewCaption', { count: upload.preview.rows.length })}</caption>
                <thead>
                  <tr>
                    {upload.preview.headers.map((header, index) => (
                      <th key={`${index}-${header}`} scope="col">
                        {header}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {upload.preview.rows.map((row, rowIndex) => (
                    <tr key={rowIndex}>
                      {upload.preview.headers.map((header, index) => (
                        <td key={`${index}-${header}`}>{row[index] ?? ''}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <ErrorNotice error={error} />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy || !hasKey}>
              {t('contactImport.start', { file: upload.fileName })}
            </button>
          </div>
        </>
      ) : null}
    </form>
  );
}

function errorsAsCsv(contactImport: ContactImport): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return ['line,reason', ...contactImport.errors.map((error) => `${error.row},${quote(error.message)}`)].join('\r\n') + '\r\n';
}

function ImportProgress({ importId }: { importId: string }) {
  const { t, formatNumber } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const job = useResource((signal) => getContactImport(account.id, importId, signal), [account.id, importId], {
    accountId: account.id,
    events: ['contact_import.progressed'],
  });
  const data = job.data;

  // Realtime pushes progress after every batch; polling covers a socket that is down.
  const running = data?.status === 'running';
  const { reload } = job;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [running, reload]);

  // Up to 500 errors: small enough for a data: URL, which needs no clean-up.
  const downloadUrl = data && data.status !== 'running' && data.errors.length > 0 ? `data:text/csv;charset=utf-8,${encodeURIComponent(errorsAsCsv(data))}` : null;

  if (!data) {
    return (
      <>
        <ErrorNotice error={job.error} />
        {job.loading ? <LoadingState /> : null}
      </>
    );
  }

  const percent = data.totalRows > 0 ? Math.round((data.processedRows / data.totalRows) * 100) : 100;
  return (
    <section className="panel import-summary" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-title">
        {t(`contactImport.status.${data.status}`, { file: data.fileName })}
      </h2>
      <label htmlFor={`${id}-progress`} className="field-label">
        {t('contactImport.progress', { processed: formatNumber(data.processedRows), total: formatNumber(data.totalRows) })}
      </label>
      <progress id={`${id}-progress`} className="import-progress" max={100} value={percent}>
        {percent}%
      </progress>
      <p className="visually-hidden" role="status">
        {data.status === 'running' ? '' : t(`contactImport.status.${data.status}`, { file: data.fileName })}
      </p>
      <dl className="import-counts">
        <div>
          <dt>{t('contactImport.created')}</dt>
          <dd>{formatNumber(data.created)}</dd>
        </div>
        <div>
          <dt>{t('contactImport.updated')}</dt>
          <dd>{formatNumber(data.updated)}</dd>
        </div>
        <div>
          <dt>{t('contactImport.skipped')}</dt>
          <dd>{formatNumber(data.skipped)}</dd>
        </div>
      </dl>
      {data.errors.length > 0 ? (
        <>
          <div className="table-wrap">
            <table className="table import-errors">
              <caption className="table-caption">{t('contactImport.errorsCaption', { count: data.errors.length })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="numeric">
                    {t('contactImport.line')}
                  </th>
                  <th scope="col">{t('contactImport.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {data.errors.map((error, index) => (
                  <tr key={`${error.row}-${index}`}>
                    <td className="numeric">{error.row}</td>
                    <td>{error.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.skipped > data.errors.length ? <p className="field-hint">{t('contactImport.errorsTruncated', { count: data.errors.length })}</p> : null}
        </>
      ) : null}
      <div className="form-actions">
        {downloadUrl ? (
          <a className="button button-secondary" href={downloadUrl} download={`${data.fileName.replace(/\.csv$/i, '')}-errors.csv`}>
            {t('contactImport.downloadErrors')}
          </a>
        ) : null}
        {data.status === 'running' ? null : (
          <>
            <Link to={paths.contactImport(account.id)} className="button button-secondary">
              {t('contactImport.another')}
            </Link>
            <Link to={paths.contacts(account.id)} className="button button-primary">
              {t('contactImport.toContacts')}
            </Link>
          </>
        )}
      </div>
    </section>
  );
}
