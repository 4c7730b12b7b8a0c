import { useState } from 'react';
import { deletePrompt, listPrompts, updatePrompt, type PromptStatus } from '../../../api/prompt-endpoints.ts';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';
import { PromptEditor } from './prompt-editor.tsx';
import './prompts.css';

/** `/a/:accountId/experience/prompts[/new | /:promptId]`: the list with figures, or the editor. */
export function PromptsSection({ rest }: { rest: string[] }) {
  const [first] = rest;
  if (first) return <PromptEditor promptId={first === 'new' ? null : first} />;
  return <PromptList />;
}

function PromptList() {
  const { t, formatNumber } = useI18n();
  const account = useCurrentAccount();
  const prompts = useResource((signal) => listPrompts(account.id, signal), [account.id], { accountId: account.id, events: ['prompt.changed'] });
  const [actionError, setActionError] = useState<unknown>(null);

  async function setStatus(promptId: string, status: PromptStatus) {
    setActionError(null);
    try {
      await updatePrompt(account.id, promptId, { status });
      prompts.reload();
    } catch (error) {
      setActionError(error);
    }
  }

  async function remove(promptId: string) {
    setActionError(null);
    try {
      await deletePrompt(account.id, promptId);
      prompts.reload();
    } catch (error) {
      setActionError(error);
    }
  }

  const newLink = <Link to={paths.experience(account.id, 'prompts', 'new')} className="button button-primary">{t('prompts.new')}</Link>;
  return (
    <>
      <PageHeader title={t('prompts.title')} description={t('prompts.description')} actions={newLink} />
      {actionError ? <ErrorNotice error={actionError} /> : null}
      {prompts.error ? <ErrorNotice error={prompts.error} /> : null}
      {prompts.loading && !prompts.data ? <LoadingState /> : null}
      {prompts.data && prompts.data.prompts.length === 0 ? <EmptyState title={t('prompts.empty')}><p>{t('prompts.emptyBody')}</p></EmptyState> : null}
      {prompts.data && prompts.data.prompts.length > 0 ? (
        <div className="table-wrap">
          <table className="table table-responsive prompt-table">
            <thead>
              <tr>
                <th scope="col">{t('prompts.name')}</th>
                <th scope="col">{t('prompts.status')}</th>
                <th scope="col">{t('prompts.trigger')}</th>
                <th scope="col" className="numeric">{t('prompts.triggered')}</th>
                <th scope="col" className="numeric">{t('prompts.shown')}</th>
                <th scope="col" className="numeric">{t('prompts.clicked')}</th>
                <th scope="col" className="numeric">{t('prompts.dismissed')}</th>
                <th scope="col" className="numeric">{t('prompts.clickRate')}</th>
                <th scope="col"><span className="visually-hidden">{t('prompts.edit')}</span></th>
              </tr>
            </thead>
            <tbody>
              {prompts.data.prompts.map((prompt) => (
                <tr key={prompt.id}>
                  <td data-label={t('prompts.name')}>
                    <Link to={paths.experience(account.id, 'prompts', prompt.id)} className="strong">{prompt.name}</Link>
                    <div className="muted small">{t(`prompts.kind.${prompt.kind}`)}</div>
                  </td>
                  <td data-label={t('prompts.status')}><span className={`badge prompt-status prompt-status-${prompt.status}`}>{t(`prompts.status.${prompt.status}`)}</span></td>
                  <td data-label={t('prompts.trigger')} className="mono small">
                    {prompt.triggerEvent ?? t('prompts.noTrigger')}
                    {prompt.triggerFirstOnly ? <span className="muted"> ({t('prompts.firstTime')})</span> : null}
                  </td>
                  <td data-label={t('prompts.triggered')} className="numeric">{formatNumber(prompt.stats.triggered)}</td>
                  <td data-label={t('prompts.shown')} className="numeric">{formatNumber(prompt.stats.shown)}</td>
                  <td data-label={t('prompts.clicked')} className="numeric">{formatNumber(prompt.stats.clicked)}</td>
                  <td data-label={t('prompts.dismissed')} className="numeric">{formatNumber(prompt.stats.dismissed)}</td>
                  <td data-label={t('prompts.clickRate')} className="numeric">{`${(prompt.stats.clickRate * 100).toFixed(1)}%`}</td>
                  <td className="actions-cell">
                    {prompt.status === 'live' ? (
                      <button type="button" className="button button-secondary button-small" onClick={() => void setStatus(prompt.id, 'paused')} aria-label={`${t('prompts.pause')}: ${prompt.name}`}>{t('prompts.pause')}</button>
                    ) : (
                      <button type="button" className="button button-secondary button-small" onClick={() => void setStatus(prompt.id, 'live')} aria-label={`${prompt.status === 'paused' ? t('prompts.resume') : t('prompts.publish')}: ${prompt.name}`}>
                        {prompt.status === 'paused' ? t('prompts.resume') : t('prompts.publish')}
                      </button>
                    )}
                    <ConfirmButton label={t('prompts.delete')} confirmLabel={t('prompts.confirmDelete')} ariaLabel={`${t('prompts.delete')}: ${prompt.name}`} onConfirm={() => remove(prompt.id)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
