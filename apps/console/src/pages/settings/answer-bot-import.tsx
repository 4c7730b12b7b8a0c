import { useId, useState } from 'react';
import { importIntents } from '../../api/answer-bot-endpoints.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { previewCsv } from '../contacts/csv-preview.ts';
import { CreatePanel } from './editable-list.tsx';
import { FormButtons } from './helpdesk-shared.tsx';

/** Imports example phrases from a CSV file: the admin picks the phrase column and the intent column from its header. */
export function IntentImportPanel({ accountId, onImported }: { accountId: string; onImported(): void }) {
  const { t, formatNumber } = useI18n();
  const id = useId();
  const [file, setFile] = useState<{ name: string; text: string; headers: string[] } | null>(null);
  const [textColumn, setTextColumn] = useState('');
  const [labelColumn, setLabelColumn] = useState('');
  const [result, setResult] = useState('');
  const { error, busy, handleSubmit } = useFormAction(async () => {
    if (!file) return;
    setResult('');
    const outcome = await importIntents(accountId, { csv: file.text, textColumn, labelColumn, fileName: file.name });
    setResult(t('bot.imported', { added: formatNumber(outcome.examplesAdded), skipped: formatNumber(outcome.duplicatesSkipped), created: formatNumber(outcome.intentsCreated) }));
    onImported();
  });
  return (
    <CreatePanel heading={t('bot.importHeading')}>
      <p className="muted">{t('bot.importHint')}</p>
      <form className="form" onSubmit={handleSubmit}>
        <ErrorNotice error={error} />
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('bot.importFile')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            required
            onChange={(event) => {
              const chosen = event.target.files?.[0];
              setResult('');
              if (!chosen) return setFile(null);
              void chosen.text().then((text) => {
                const { headers } = previewCsv(text, 1);
                setFile({ name: chosen.name, text, headers });
                setTextColumn(headers.find((h) => /text|phrase|question|utterance/i.test(h)) ?? headers[0] ?? '');
                setLabelColumn(headers.find((h) => /intent|label|topic|category/i.test(h)) ?? headers[1] ?? '');
              });
            }}
          />
        </div>
        {file ? (
          <div className="form-row">
            <div className="field">
              <label htmlFor={`${id}-text`}>{t('bot.textColumn')}</label>
              <select id={`${id}-text`} className="select" value={textColumn} onChange={(event) => setTextColumn(event.target.value)}>
                {file.headers.map((header) => <option key={header} value={header}>{header}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-label`}>{t('bot.labelColumn')}</label>
              <select id={`${id}-label`} className="select" value={labelColumn} onChange={(event) => setLabelColumn(event.target.value)}>
                {file.headers.map((header) => <option key={header} value={header}>{header}</option>)}
              </select>
            </div>
          </div>
        ) : null}
        <FormButtons disabled={busy || !file} submitLabel={t('bot.importButton')} />
        <p role="status" className="muted">{result}</p>
      </form>
    </CreatePanel>
  );
}
