import { useEffect, useId, useState } from 'react';
import { listContacts } from '../../../api/endpoints.ts';
import {
  getMessageTemplate, listTemplateVersions, personalizeTemplate, previewTemplate, saveMessageTemplate, TEMPLATE_LOCALES,
  type MessageTemplate, type TemplateLocale, type TemplatePreview, type TemplateVariant,
} from '../../../api/template-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { DateTime } from '../../../components/time-text.tsx';
import { useCurrentAccount, useIsAdmin } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { navigate } from '../../../router/history.ts';
import { paths } from '../../../routes/paths.ts';
import { CHANNEL_LABELS, CHANNEL_PARTS, LOCALE_NAMES } from './template-labels.ts';
import { LanguageTabs } from '../../../components/language-tabs.tsx';

type Variants = Partial<Record<TemplateLocale, TemplateVariant>>;

/** One template: language tabs, the parts of its channel, variables help, a live preview for a chosen customer, history. */
export function TemplateEditor({ templateId }: { templateId: string }) {
  const account = useCurrentAccount();
  const template = useResource((signal) => getMessageTemplate(account.id, templateId, signal), [account.id, templateId]);
  if (template.error) return <ErrorNotice error={template.error} />;
  if (!template.data) return <LoadingState />;
  return <LoadedEditor key={`${template.data.id}-${template.data.version}`} template={template.data} onSaved={template.reload} />;
}

function LoadedEditor({ template, onSaved }: { template: MessageTemplate; onSaved: () => void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const isAdmin = useIsAdmin();
  const id = useId();
  const editable = isAdmin && !template.builtIn;
  const [tab, setTab] = useState<TemplateLocale>((template.locales[0] as TemplateLocale | undefined) ?? 'en');
  const [variants, setVariants] = useState<Variants>(template.variants);
  const [name, setName] = useState(template.name);
  const [status, setStatus] = useState(template.status);
  const [message, setMessage] = useState('');
  const versions = useResource((signal) => (template.builtIn ? Promise.resolve({ versions: [] }) : listTemplateVersions(account.id, template.id, signal)), [account.id, template.id, template.version]);

  const { error, busy, handleSubmit } = useFormAction(async () => {
    const cleaned = Object.fromEntries(Object.entries(variants).filter(([, variant]) => variant && Object.values(variant).some((value) => value?.trim()))) as Variants;
    await saveMessageTemplate(account.id, template.id, { name: name.trim(), status, variants: cleaned, version: template.version });
    setMessage(t('templates.saved'));
    onSaved();
  });
  const [personalizeError, setPersonalizeError] = useState<unknown>(null);
  async function personalize() {
    try {
      const copy = await personalizeTemplate(account.id, template.id);
      navigate(paths.experience(account.id, 'templates', copy.id));
    } catch (reason) {
      setPersonalizeError(reason);
    }
  }

  const variant: TemplateVariant = variants[tab] ?? { text: '' };
  const setPart = (part: keyof TemplateVariant, value: string) => setVariants((current) => ({ ...current, [tab]: { ...(current[tab] ?? { text: '' }), [part]: value } }));

  return (
    <div className="stack templates-page">
      <PageHeader
        title={template.name}
        before={<Link className="back-link" to={paths.experience(account.id, 'templates')}>← {t('templates.back')}</Link>}
        description={`${t(CHANNEL_LABELS[template.channel])}${template.builtIn ? ` · ${t('templates.builtInBadge')}` : ` · v${template.version}`}`}
        actions={template.builtIn && isAdmin ? <button type="button" className="button button-primary" onClick={() => void personalize()}>{t('templates.personalize')}</button> : null}
      />
      {template.builtIn ? <p className="notice">{t('templates.builtInReadOnly')}</p> : null}
      <ErrorNotice error={personalizeError} />
      <p className="visually-hidden" role="status" aria-live="polite">{message}</p>
      <div className="template-layout">
        <form className="panel form template-form" onSubmit={handleSubmit} aria-label={t('templates.editor')}>
          {editable ? (
            <div className="template-meta">
              <div className="field field-grow">
                <label htmlFor={`${id}-name`}>{t('templates.name')}</label>
                <input id={`${id}-name`} className="input" value={name} onChange={(event) => setName(event.target.value)} maxLength={120} required />
              </div>
              <div className="field">
                <label htmlFor={`${id}-status`}>{t('templates.status')}</label>
                <select id={`${id}-status`} className="select" value={status} onChange={(event) => setStatus(event.target.value as 'draft' | 'active')}>
                  <option value="draft">{t('templates.draft')}</option>
                  <option value="active">{t('templates.active')}</option>
                </select>
              </div>
            </div>
          ) : null}
          <LanguageTabs
            idPrefix={id}
            label={t('templates.languages')}
            locales={TEMPLATE_LOCALES}
            current={tab}
            onSelect={setTab}
            renderTab={(locale) => <><span lang={locale}>{LOCALE_NAMES[locale]}</span>{variants[locale] ? null : <span className="field-hint"> · {t('templates.missingLanguage')}</span>}</>}
          />
          <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${tab}`} className="stack">
            {CHANNEL_PARTS[template.channel].map(({ part, label, multiline }) => (
              <div key={part} className="field field-grow">
                <label htmlFor={`${id}-${part}`}>{t(label)}</label>
                {multiline ? (
                  <textarea id={`${id}-${part}`} className="input template-source" rows={part === 'html' ? 10 : 5} lang={tab} value={variant[part] ?? ''} readOnly={!editable} onChange={(event) => setPart(part, event.target.value)} spellCheck={false} />
                ) : (
                  <input id={`${id}-${part}`} className="input template-source" lang={tab} value={variant[part] ?? ''} readOnly={!editable} onChange={(event) => setPart(part, event.target.value)} spellCheck={false} />
                )}
              </div>
            ))}
            {template.channel === 'email' ? <p className="field-hint">{t('templates.textHint')}</p> : null}
          </div>
          <ErrorNotice error={error} />
          {editable ? <button type="submit" className="button button-primary" disabled={busy}>{t('templates.save')}</button> : null}
          <VariablesHelp />
        </form>
        <PreviewPanel templateId={template.id} locale={tab} variants={variants} channel={template.channel} />
      </div>
      {!template.builtIn ? (
        <section className="panel" aria-labelledby={`${id}-history`}>
          <h2 id={`${id}-history`}>{t('templates.history')}</h2>
          {versions.error ? <ErrorNotice error={versions.error} /> : null}
          {versions.data && versions.data.versions.length === 0 ? <p className="field-hint">{t('templates.noHistory')}</p> : null}
          <ol className="template-history">
            {versions.data?.versions.map((version) => (
              <li key={version.version}>
                <span>v{version.version} · {version.name} · {t(version.status === 'active' ? 'templates.active' : 'templates.draft')} · <DateTime iso={version.savedAt} />{version.savedBy ? ` · ${version.savedBy}` : ''}</span>
                {editable ? <button type="button" className="button button-small" onClick={() => { setVariants(version.variants); setMessage(t('templates.restored', { version: version.version })); }}>{t('templates.restore', { version: version.version })}</button> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

function VariablesHelp() {
  const { t } = useI18n();
  const rows: [string, string][] = [
    ['{{ customer.first_name | default: "there" }}', t('templates.varFirstName')],
    ['{{ customer.name }} · {{ customer.email }} · {{ customer.attributes.plan }}', t('templates.varCustomer')],
    ['{{ event.name }} · {{ event.properties.plan }}', t('templates.varEvent')],
    ['{{ order.number }} · {{ order.total }} · {% for line in order.lines %}{{ line.title }}{% endfor %} · {{ order.tracking_url }}', t('templates.varOrder')],
    ['{{ account.name }} · {{ account.portal_url }}', t('templates.varAccount')],
    ['{{ order.total_minor | money: "USD" }} · {{ order.placed_at | local_date: "long" }}', t('templates.varFilters')],
    ['{{ value | raw }}', t('templates.varRaw')],
  ];
  return (
    <details className="template-variables">
      <summary>{t('templates.variables')}</summary>
      <p className="field-hint">{t('templates.variablesIntro')}</p>
      <dl>
        {rows.map(([code, meaning]) => (
          <div key={code}><dt><code>{code}</code></dt><dd>{meaning}</dd></div>
        ))}
      </dl>
    </details>
  );
}

function PreviewPanel({ templateId, locale, variants, channel }: { templateId: string; locale: TemplateLocale; variants: Variants; channel: MessageTemplate['channel'] }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [query, setQuery] = useState('');
  const [contactId, setContactId] = useState('');
  const [previewLocale, setPreviewLocale] = useState<TemplateLocale>(locale);
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [showHtml, setShowHtml] = useState(false);
  useEffect(() => setPreviewLocale(locale), [locale]);
  const contacts = useResource((signal) => listContacts(account.id, { q: query.trim() || null, limit: 20 }, signal), [account.id, query]);
  // The chosen customer stays chosen while they are in the search results; otherwise the first result is.
  useEffect(() => {
    const items = contacts.data?.items ?? [];
    if (items.length > 0 && !items.some((contact) => contact.id === contactId)) setContactId(items[0]!.id);
  }, [contacts.data, contactId]);
  const draftKey = JSON.stringify(variants);
  useEffect(() => {
    if (!contactId) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      previewTemplate(account.id, templateId, { contactId, locale: previewLocale, draft: { variants } }, controller.signal)
        .then((result) => { setPreview(result); setError(null); })
        .catch((reason: unknown) => { if (!controller.signal.aborted) setError(reason); });
    }, 300);
    return () => { clearTimeout(timer); controller.abort(); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [account.id, templateId, contactId, previewLocale, draftKey]);

  return (
    <section className="panel template-preview" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('templates.preview')}</h2>
      <div className="template-preview-controls">
        <div className="field field-grow">
          <label htmlFor={`${id}-search`}>{t('templates.findCustomer')}</label>
          <input id={`${id}-search`} className="input" type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
        </div>
        <div className="field field-grow">
          <label htmlFor={`${id}-contact`}>{t('templates.customer')}</label>
          <select id={`${id}-contact`} className="select" value={contactId} onChange={(event) => setContactId(event.target.value)}>
            {contacts.data?.items.map((contact) => <option key={contact.id} value={contact.id}>{contact.name}{contact.email ? ` <${contact.email}>` : ''}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-locale`}>{t('templates.previewLanguage')}</label>
          <select id={`${id}-locale`} className="select" value={previewLocale} onChange={(event) => setPreviewLocale(event.target.value as TemplateLocale)}>
            {TEMPLATE_LOCALES.map((value) => <option key={value} value={value}>{LOCALE_NAMES[value]}</option>)}
          </select>
        </div>
      </div>
      <ErrorNotice error={error} />
      <div aria-live="polite" data-testid="template-preview">
        {!preview ? <p className="field-hint">{contactId ? t('templates.rendering') : t('templates.pickCustomer')}</p> : preview.ok ? (
          <div className="stack">
            {preview.locale !== previewLocale ? <p className="field-hint">{t('templates.fellBack', { locale: preview.locale })}</p> : null}
            {preview.content.subject ? <p><strong>{t('templates.partSubject')}:</strong> <span data-testid="preview-subject">{preview.content.subject}</span></p> : null}
            {preview.content.title ? <p><strong>{preview.content.title}</strong></p> : null}
            {channel === 'email' && preview.content.html ? (
              <>
                <button type="button" className="button button-small" aria-expanded={showHtml} onClick={() => setShowHtml(!showHtml)}>{t(showHtml ? 'templates.hideHtml' : 'templates.showHtml')}</button>
                {/* Sandboxed: no scripts, no forms, no navigation; mounted only on request. */}
                {showHtml ? <iframe className="template-preview-frame" title={t('templates.previewHtml')} sandbox="" srcDoc={preview.content.html} /> : null}
              </>
            ) : null}
            <pre className="template-preview-text" data-testid="preview-text">{preview.content.text}</pre>
            {preview.content.cta ? <p><span className="button">{preview.content.cta.label}</span> <span className="field-hint">{preview.content.cta.url}</span></p> : null}
          </div>
        ) : (
          <div className="notice notice-error" role="alert">
            <p className="notice-title">{t('templates.previewFailed')}</p>
            <p data-testid="preview-error"><code>{preview.error}</code></p>
          </div>
        )}
      </div>
    </section>
  );
}
