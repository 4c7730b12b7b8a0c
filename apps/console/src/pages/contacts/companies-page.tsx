import { useId, useState } from 'react';
import { createCompany, listCompanies, updateCompany, type Company } from '../../api/contact-endpoints.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { CreatePanel, EditableList } from '../settings/editable-list.tsx';
import { FormButtons, FormError, readFieldError } from '../settings/helpdesk-shared.tsx';
import { ContactsBackLink } from './contacts-back-link.tsx';
import { TextField } from '../../components/text-field.tsx';

const FIELDS = ['name', 'domain'] as const;

function CompanyForm({ initial, submitLabel, onSubmit, onCancel }: {
  initial: { name: string; domain: string };
  submitLabel: string;
  onSubmit(company: { name: string; domain: string | null }): Promise<void>;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const { error, busy, handleSubmit } = useFormAction(async () => {
    await onSubmit({ name: draft.name.trim(), domain: draft.domain.trim() || null });
    if (!onCancel) setDraft(initial);
  });
  const labels = { name: t('companies.name'), domain: t('companies.domain') };
  return (
    <form className="form" onSubmit={handleSubmit}>
      <FormError error={error} fieldPaths={FIELDS} />
      <div className="form-row">
        {FIELDS.map((field) => (
          <TextField
            key={field}
            id={`${id}-${field}`}
            label={labels[field]}
            error={readFieldError(error, field)}
            required={field === 'name'}
            maxLength={field === 'name' ? 200 : 253}
            placeholder={field === 'domain' ? 'example.com' : undefined}
            value={draft[field]}
            onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
          />
        ))}
      </div>
      <FormButtons disabled={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

/** Companies contacts belong to: create, rename, set the domain (the API has no delete). */
export function CompaniesPage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const companies = useResource(async (signal) => (await listCompanies(account.id, signal)).items, [account.id]);
  const backLink = <ContactsBackLink />;
  return (
    <>
      <PageHeader before={backLink} title={t('companies.title')} description={t('companies.description')} />
      <CreatePanel heading={t('companies.createHeading')}>
        <CompanyForm
          initial={{ name: '', domain: '' }}
          submitLabel={t('companies.create')}
          onSubmit={async (company) => {
            await createCompany(account.id, company);
            companies.reload();
          }}
        />
      </CreatePanel>
      <EditableList<Company>
        heading={t('companies.listHeading')}
        resource={companies}
        emptyTitle={t('companies.empty')}
        readName={(company) => company.name}
        renderEditor={(company, close) => (
          <CompanyForm
            initial={{ name: company.name, domain: company.domain ?? '' }}
            submitLabel={t('common.save')}
            onCancel={() => close(false)}
            onSubmit={async (changes) => {
              await updateCompany(account.id, company.id, changes);
              close(true);
            }}
          />
        )}
        renderItem={(company, actions) => (
          <div className="helpdesk-item-row">
            <span className="helpdesk-item-name">{company.name}</span>
            <span className="helpdesk-item-meta">{[company.domain, t('companies.contactCount', { count: company.contactCount })].filter(Boolean).join(' · ')}</span>
            {actions}
          </div>
        )}
      />
    </>
  );
}
