import { useState } from 'react';
import { listContacts } from '../../../api/endpoints.ts';
import { sendPromptNow } from '../../../api/prompt-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';

/** Shows the saved prompt to one customer now (yourself, as a contact), whatever its status and rules. */
export function PromptTryOut({ accountId, promptId }: { accountId: string; promptId: string }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useFormAction(async () => {
    setSentTo(null);
    const found = await listContacts(accountId, { q: query.trim(), limit: 1 });
    const contact = found.items[0];
    if (!contact) return setSentTo('');
    await sendPromptNow(accountId, promptId, contact.id);
    setSentTo(contact.name);
  });
  return (
    <form className="panel form prompt-try-out" onSubmit={(event) => void form.handleSubmit(event)}>
      <h2 className="panel-title">{t('prompts.tryOut')}</h2>
      <p className="field-hint">{t('prompts.tryOutHint')}</p>
      {form.error ? <ErrorNotice error={form.error} /> : null}
      <div className="field field-grow">
        <label htmlFor="prompt-try-contact">{t('prompts.tryOutContact')}</label>
        <input id="prompt-try-contact" className="input" type="search" value={query} onChange={(event) => setQuery(event.target.value)} required />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-secondary" disabled={form.busy || !query.trim()}>{t('prompts.tryOutSend')}</button>
        {sentTo !== null ? <span className="saved-note" role="status">{sentTo ? t('prompts.tryOutSent', { name: sentTo }) : t('prompts.tryOutNoContact')}</span> : null}
      </div>
    </form>
  );
}
