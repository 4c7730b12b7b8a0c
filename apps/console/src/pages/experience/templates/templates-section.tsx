import { useState } from 'react';
import { listMessageTemplates, personalizeTemplate } from '../../../api/template-endpoints.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { DateTime } from '../../../components/time-text.tsx';
import { useCurrentAccount, useIsAdmin } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { CHANNEL_LABELS } from './template-labels.ts';
import { Link } from '../../../router/link.tsx';
import { navigate } from '../../../router/history.ts';
import { paths } from '../../../routes/paths.ts';
import { TemplateEditor } from './template-editor.tsx';
import { NewTemplateForm } from './new-template-form.tsx';
import './templates.css';


/** `/a/:accountId/experience/templates[/<templateId>|/new]`: the list, a template's editor, or a new template. */
export function TemplatesSection({ rest }: { rest: string[] }) {
  const [templateId] = rest;
  if (templateId === 'new') return <NewTemplateForm />;
  if (templateId) return <TemplateEditor key={templateId} templateId={templateId} />;
  return <TemplateList />;
}

function TemplateList() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const isAdmin = useIsAdmin();
  const [actionError, setActionError] = useState<unknown>(null);
  const templates = useResource((signal) => listMessageTemplates(account.id, signal), [account.id]);

  async function personalize(templateId: string) {
    setActionError(null);
    try {
      const copy = await personalizeTemplate(account.id, templateId);
      navigate(paths.experience(account.id, 'templates', copy.id));
    } catch (reason) {
      setActionError(reason);
    }
  }

  if (templates.error) return <ErrorNotice error={templates.error} />;
  if (!templates.data) return <LoadingState />;
  const own = templates.data.templates.filter((template) => !template.builtIn);
  const builtIn = templates.data.templates.filter((template) => template.builtIn);
  return (
    <div className="stack templates-page">
      <PageHeader title={t('templates.title')} description={t('templates.description')} actions={isAdmin ? <Link className="button button-primary" to={paths.experience(account.id, 'templates', 'new')}>{t('templates.new')}</Link> : null} />
      <ErrorNotice error={actionError} />
      <section className="panel" aria-labelledby="templates-own">
        <h2 id="templates-own">{t('templates.yours')}</h2>
        {own.length === 0 ? <EmptyState title={t('templates.noneYet')}>{t('templates.noneYetHint')}</EmptyState> : (
          <div className="table-scroll">
            <table className="table">
              <thead><tr><th scope="col">{t('templates.name')}</th><th scope="col">{t('templates.channel')}</th><th scope="col">{t('templates.languages')}</th><th scope="col">{t('templates.status')}</th><th scope="col">{t('templates.updated')}</th></tr></thead>
              <tbody>
                {own.map((template) => (
                  <tr key={template.id}>
                    <td><Link to={paths.experience(account.id, 'templates', template.id)}>{template.name}</Link></td>
                    <td>{t(CHANNEL_LABELS[template.channel])}</td>
                    <td>{template.locales.join(' · ')}</td>
                    <td><span className={`badge template-status-${template.status}`}>{t(template.status === 'active' ? 'templates.active' : 'templates.draft')}</span></td>
                    <td><DateTime iso={template.updatedAt} /> · v{template.version}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="templates-built-in">
        <h2 id="templates-built-in">{t('templates.builtIn')}</h2>
        <p className="field-hint">{t('templates.builtInHint')}</p>
        <ul className="template-cards">
          {builtIn.map((template) => (
            <li key={template.id} className="template-card">
              <Link to={paths.experience(account.id, 'templates', template.id)} className="template-card-name">{template.name}</Link>
              <p>{template.description}</p>
              <p className="field-hint">{t(CHANNEL_LABELS[template.channel])} · {template.locales.join(' · ')}</p>
              {isAdmin ? <button type="button" className="button" onClick={() => void personalize(template.id)} aria-label={t('templates.personalizeNamed', { name: template.name })}>{t('templates.personalize')}</button> : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
