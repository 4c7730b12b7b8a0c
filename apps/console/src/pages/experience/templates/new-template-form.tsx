import { useId, useState } from 'react';
import { createMessageTemplate, type TemplateChannel } from '../../../api/template-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { navigate } from '../../../router/history.ts';
import { paths } from '../../../routes/paths.ts';
import { CHANNEL_LABELS } from './template-labels.ts';

/** A new template: name and channel; the editor opens next with an English draft to fill in. */
export function NewTemplateForm() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<TemplateChannel>('email');
  const { error, busy, handleSubmit } = useFormAction(async () => {
    const starter = channel === 'email' ? { subject: 'Hello {{ customer.first_name | default: "there" }}', html: '<p>Hi {{ customer.first_name | default: "there" }},</p>', text: '' } : { text: 'Hi {{ customer.first_name | default: "there" }}' };
    const created = await createMessageTemplate(account.id, { name: name.trim(), channel, variants: { en: starter } });
    navigate(paths.experience(account.id, 'templates', created.id));
  });
  return (
    <div className="stack templates-page">
      <PageHeader title={t('templates.new')} before={<Link className="back-link" to={paths.experience(account.id, 'templates')}>← {t('templates.back')}</Link>} />
      <form className="panel form" onSubmit={handleSubmit}>
        <TextField id={`${id}-name`} label={t('templates.name')} value={name} onChange={(event) => setName(event.target.value)} required maxLength={120} error={null} />
        <div className="field">
          <label htmlFor={`${id}-channel`}>{t('templates.channel')}</label>
          <select id={`${id}-channel`} className="select" value={channel} onChange={(event) => setChannel(event.target.value as TemplateChannel)}>
            {(Object.keys(CHANNEL_LABELS) as TemplateChannel[]).map((value) => <option key={value} value={value}>{t(CHANNEL_LABELS[value])}</option>)}
          </select>
        </div>
        <ErrorNotice error={error} />
        <button type="submit" className="button button-primary" disabled={busy || !name.trim()}>{t('templates.create')}</button>
      </form>
    </div>
  );
}
