import { useState } from 'react';
import { listInboxWhatsAppTemplates, syncInboxWhatsAppTemplates, type WhatsAppTemplate } from '../../../api/whatsapp-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';

/**
 * A connected WhatsApp inbox's approved message templates, and the button that fetches them from Meta again: agents
 * can only reach a customer outside the 24-hour window with one of these.
 */
export function WhatsAppTemplatesPanel({ accountId, inboxId }: { accountId: string; inboxId: string }) {
  const { t } = useI18n();
  const stored = useResource((signal) => listInboxWhatsAppTemplates(accountId, inboxId, signal), [accountId, inboxId]);
  const [synced, setSynced] = useState<WhatsAppTemplate[] | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const templates = synced ?? stored.data ?? [];

  async function sync() {
    setSyncing(true);
    setError(null);
    try {
      setSynced(await syncInboxWhatsAppTemplates(accountId, inboxId));
    } catch (reason) {
      setError(reason);
    } finally {
      setSyncing(false);
    }
  }

  return (
    <div className="channel-templates">
      <h3>{t('whatsapp.templatesHeading')}</h3>
      <p className="field-hint">{t('whatsapp.templatesHint')}</p>
      <ErrorNotice error={error ?? stored.error} />
      {templates.length === 0 ? (
        <p>{stored.loading && !synced ? t('common.loading') : t('whatsapp.noTemplatesYet')}</p>
      ) : (
        <ul className="channel-template-list">
          {templates.map((template) => (
            <li key={`${template.name}:${template.language}`}>
              <strong>{template.name}</strong> <span className="field-hint">{template.language} · {template.category}</span>{' '}
              <span className={`badge ${template.sendable ? 'badge-secret-set' : 'badge-status-other'}`}>{template.sendable ? template.status : t('whatsapp.notSendable')}</span>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button button-secondary" onClick={() => void sync()} disabled={syncing} aria-busy={syncing}>
        {syncing ? t('whatsapp.syncing') : t('whatsapp.syncTemplates')}
      </button>
      <p className="visually-hidden" role="status">{synced ? t('whatsapp.synced', { count: String(synced.length) }) : ''}</p>
    </div>
  );
}
