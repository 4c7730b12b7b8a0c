import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { isApiError } from '../../api/api-error.ts';
import { createCompany, listCompanies, SOCIAL_NETWORKS, updateContact, type ContactInput } from '../../api/contact-endpoints.ts';
import type { AttributeValue, ContactProfile } from '../../api/types.ts';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { LOCALES, LOCALE_NAMES } from '../../i18n/locales.ts';
import { Link } from '../../router/link.tsx';
import { paths } from '../../routes/paths.ts';
import { FormButtons, FormError, readFieldError } from '../settings/helpdesk-shared.tsx';
import { ContactFieldList } from './contact-field-list.tsx';

type AttributeType = 'text' | 'number' | 'boolean';

interface AttributeRow {
  /** React key: rows have no id of their own, and keys can be renamed. */
  rowId: number;
  key: string;
  type: AttributeType;
  value: string;
}

interface ProfileDraft {
  name: string;
  email: string;
  otherEmails: string[];
  phone: string;
  otherPhones: string[];
  socialHandles: Record<string, string>;
  locale: string;
  timeZone: string;
  companyId: string;
  newCompany: string;
  attributes: AttributeRow[];
}

const NEW_COMPANY = '__new__';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const TIME_ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

function typeOf(value: AttributeValue | null): AttributeType {
  return typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text';
}

function toDraft(contact: ContactProfile): ProfileDraft {
  return {
    name: contact.name,
    email: contact.email ?? '',
    otherEmails: contact.otherEmails,
    phone: contact.phone ?? '',
    otherPhones: contact.otherPhones,
    socialHandles: { ...contact.socialHandles },
    locale: contact.locale ?? '',
    timeZone: contact.timeZone ?? '',
    companyId: contact.company?.id ?? '',
    newCompany: '',
    attributes: Object.entries(contact.attributes)
      .filter((entry): entry is [string, AttributeValue] => entry[1] !== null)
      .map(([key, value], index) => ({ rowId: index, key, type: typeOf(value), value: String(value) })),
  };
}

function readAttributeValue(row: AttributeRow): AttributeValue {
  if (row.type === 'number') return Number(row.value);
  if (row.type === 'boolean') return row.value === 'true';
  return row.value;
}

/** The PATCH body: every field as drafted; attributes as a change set, since the server merges them. */
function toInput(draft: ProfileDraft, before: ContactProfile, companyId: string | null): ContactInput {
  const list = (values: string[]) => values.map((value) => value.trim()).filter(Boolean);
  const attributes: Record<string, AttributeValue | null> = {};
  const keptKeys = new Set(draft.attributes.map((row) => row.key.trim()));
  for (const key of Object.keys(before.attributes)) if (!keptKeys.has(key)) attributes[key] = null;
  for (const row of draft.attributes) attributes[row.key.trim()] = readAttributeValue(row);
  return {
    name: draft.name.trim(),
    email: draft.email.trim() || null,
    phone: draft.phone.trim() || null,
    otherEmails: list(draft.otherEmails),
    otherPhones: list(draft.otherPhones),
    socialHandles: Object.fromEntries(Object.entries(draft.socialHandles).map(([network, handle]) => [network, handle.trim()]).filter(([, handle]) => handle)),
    locale: draft.locale || null,
    timeZone: draft.timeZone.trim() || null,
    companyId,
    attributes,
  };
}

/** Field paths of the PATCH body that this form shows beside their inputs. */
function shownPaths(draft: ProfileDraft): string[] {
  return [
    'name', 'email', 'phone', 'locale', 'timeZone', 'companyId', 'otherEmails', 'otherPhones', 'attributes',
    ...draft.otherEmails.map((_, index) => `otherEmails.${index}`),
    ...draft.otherPhones.map((_, index) => `otherPhones.${index}`),
    ...SOCIAL_NETWORKS.map((network) => `socialHandles.${network}`),
    ...draft.attributes.map((row) => `attributes.${row.key.trim()}`),
  ];
}

/** Edits a contact's whole profile; the server's 400 messages appear under the fields they name. */
export function ContactProfileForm({ contact, onSaved, onCancel }: { contact: ContactProfile; onSaved(): void; onCancel(): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [draft, setDraft] = useState(() => toDraft(contact));
  const nextRowId = useRef(draft.attributes.length);
  const companies = useResource((signal) => listCompanies(account.id, signal), [account.id]);
  const nameInput = useRef<HTMLInputElement>(null);

  // The form opens from a button in the page header: move focus into it.
  useEffect(() => nameInput.current?.focus(), []);

  const { error, busy, handleSubmit } = useFormAction(async () => {
    let companyId: string | null = draft.companyId || null;
    if (draft.companyId === NEW_COMPANY) companyId = (await createCompany(account.id, { name: draft.newCompany.trim() })).id;
    await updateContact(account.id, contact.id, toInput(draft, contact, companyId));
    onSaved();
  });

  const fieldError = (path: string) => readFieldError(error, path);
  const errorId = (path: string) => `${id}-${path.replace(/[^\w-]/g, '_')}-error`;
  const describedBy = (path: string, hint?: string) => [hint, fieldError(path) ? errorId(path) : undefined].filter(Boolean).join(' ') || undefined;
  const renderFieldError = (path: string) =>
    fieldError(path) ? (
      <p id={errorId(path)} className="field-error">
        {fieldError(path)}
      </p>
    ) : null;
  const inputProps = (path: string, hint?: string) => ({
    'aria-invalid': fieldError(path) ? true : undefined,
    'aria-describedby': describedBy(path, hint),
  });

  // A 409 names the contact that already has the email: offer to open it (and merge from there).
  const conflictId = isApiError(error) && error.status === 409 ? error.detail?.match(UUID)?.[0] ?? null : null;

  function field(path: string, label: string, control: (inputId: string) => ReactNode, hint?: string) {
    const inputId = `${id}-${path}`;
    return (
      <div className="field">
        <label htmlFor={inputId}>{label}</label>
        {control(inputId)}
        {hint ? (
          <p id={`${inputId}-hint`} className="field-hint">
            {hint}
          </p>
        ) : null}
        {renderFieldError(path)}
      </div>
    );
  }

  function setAttribute(rowId: number, change: Partial<AttributeRow>) {
    setDraft({ ...draft, attributes: draft.attributes.map((row) => (row.rowId === rowId ? { ...row, ...change } : row)) });
  }

  return (
    <form className="form contact-form" onSubmit={handleSubmit} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-title">
        {t('contact.editHeading')}
      </h2>
      <FormError error={error} fieldPaths={shownPaths(draft)} />
      {conflictId ? (
        <p>
          <Link to={paths.contact(account.id, conflictId)}>{t('contact.openConflicting')}</Link>
        </p>
      ) : null}

      {field('name', t('contact.name'), (inputId) => (
        <input ref={nameInput} id={inputId} className="input" required maxLength={200} autoComplete="off" {...inputProps('name')} value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
      ))}

      <div className="form-row">
        {field('email', t('contact.primaryEmail'), (inputId) => (
          <input id={inputId} type="email" className="input" maxLength={320} autoComplete="off" {...inputProps('email')} value={draft.email} onChange={(event) => setDraft({ ...draft, email: event.target.value })} />
        ))}
        {field('phone', t('contact.primaryPhone'), (inputId) => (
          <input id={inputId} type="tel" className="input" maxLength={40} autoComplete="off" {...inputProps('phone', `${inputId}-hint`)} value={draft.phone} onChange={(event) => setDraft({ ...draft, phone: event.target.value })} />
        ), t('contact.phoneHint'))}
      </div>

      <ContactFieldList
        legend={t('contact.otherEmails')}
        inputType="email"
        values={draft.otherEmails}
        onChange={(otherEmails) => setDraft({ ...draft, otherEmails })}
        itemLabel={(index) => t('contact.otherEmailNumbered', { number: index + 1 })}
        addLabel={t('contact.addEmail')}
        readError={(index) => fieldError(`otherEmails.${index}`)}
      />
      <ContactFieldList
        legend={t('contact.otherPhones')}
        inputType="tel"
        values={draft.otherPhones}
        onChange={(otherPhones) => setDraft({ ...draft, otherPhones })}
        itemLabel={(index) => t('contact.otherPhoneNumbered', { number: index + 1 })}
        addLabel={t('contact.addPhone')}
        readError={(index) => fieldError(`otherPhones.${index}`)}
      />

      <div className="form-row">
        {field('locale', t('contact.language'), (inputId) => (
          <select id={inputId} className="select" {...inputProps('locale')} value={draft.locale} onChange={(event) => setDraft({ ...draft, locale: event.target.value })}>
            <option value="">{t('contact.notSet')}</option>
            {LOCALES.map((locale) => (
              <option key={locale} value={locale}>
                {LOCALE_NAMES[locale]}
              </option>
            ))}
          </select>
        ))}
        {field('timeZone', t('contact.timeZone'), (inputId) => (
          <>
            <input
              id={inputId}
              className="input"
              list={`${id}-zones`}
              maxLength={64}
              placeholder="Asia/Tokyo"
              autoComplete="off"
              {...inputProps('timeZone')}
              value={draft.timeZone}
              onChange={(event) => setDraft({ ...draft, timeZone: event.target.value })}
            />
            <datalist id={`${id}-zones`}>
              {TIME_ZONES.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </>
        ))}
        {field('companyId', t('contact.company'), (inputId) => (
          <select id={inputId} className="select" {...inputProps('companyId')} value={draft.companyId} onChange={(event) => setDraft({ ...draft, companyId: event.target.value })}>
            <option value="">{t('contact.noCompany')}</option>
            {(companies.data?.items ?? (contact.company ? [contact.company] : [])).map((company) => (
              <option key={company.id} value={company.id}>
                {company.name}
              </option>
            ))}
            <option value={NEW_COMPANY}>{t('contact.newCompany')}</option>
          </select>
        ))}
      </div>
      {draft.companyId === NEW_COMPANY
        ? field('newCompany', t('contact.newCompanyName'), (inputId) => (
            <input id={inputId} className="input" required maxLength={200} value={draft.newCompany} onChange={(event) => setDraft({ ...draft, newCompany: event.target.value })} />
          ))
        : null}

      <fieldset className="contact-fieldset">
        <legend className="field-label">{t('contact.socialHandles')}</legend>
        <div className="contact-social-grid">
          {SOCIAL_NETWORKS.map((network) =>
            <div key={network}>
              {field(`socialHandles.${network}`, t(`contact.social.${network}`), (inputId) => (
                <input
                  id={inputId}
                  className="input"
                  maxLength={200}
                  autoComplete="off"
                  {...inputProps(`socialHandles.${network}`)}
                  value={draft.socialHandles[network] ?? ''}
                  onChange={(event) => setDraft({ ...draft, socialHandles: { ...draft.socialHandles, [network]: event.target.value } })}
                />
              ))}
            </div>,
          )}
        </div>
      </fieldset>

      <fieldset className="contact-fieldset">
        <legend className="field-label">{t('contact.attributes')}</legend>
        <p className="field-hint">{t('contact.attributesHint')}</p>
        {renderFieldError('attributes')}
        {draft.attributes.length === 0 ? <p className="muted">{t('contact.noAttributes')}</p> : null}
        <ul className="attribute-rows">
          {draft.attributes.map((row, index) => {
            const path = `attributes.${row.key.trim()}`;
            const number = index + 1;
            return (
              <li key={row.rowId} className="attribute-row">
                <div className="field">
                  <label htmlFor={`${id}-attr-${row.rowId}-key`}>{t('contact.attributeKey', { number })}</label>
                  <input
                    id={`${id}-attr-${row.rowId}-key`}
                    className="input input-mono"
                    required
                    maxLength={64}
                    pattern="[A-Za-z0-9_][A-Za-z0-9_\-]*"
                    autoComplete="off"
                    {...inputProps(path)}
                    value={row.key}
                    onChange={(event) => setAttribute(row.rowId, { key: event.target.value })}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-attr-${row.rowId}-type`}>{t('contact.attributeType', { number })}</label>
                  <select
                    id={`${id}-attr-${row.rowId}-type`}
                    className="select"
                    value={row.type}
                    onChange={(event) => {
                      const type = event.target.value as AttributeType;
                      setAttribute(row.rowId, { type, value: type === 'boolean' ? 'true' : type === 'number' && Number.isNaN(Number(row.value)) ? '' : row.value });
                    }}
                  >
                    <option value="text">{t('contact.attributeText')}</option>
                    <option value="number">{t('contact.attributeNumber')}</option>
                    <option value="boolean">{t('contact.attributeBoolean')}</option>
                  </select>
                </div>
                <div className="field field-grow">
                  <label htmlFor={`${id}-attr-${row.rowId}-value`}>{t('contact.attributeValue', { number })}</label>
                  {row.type === 'boolean' ? (
                    <select id={`${id}-attr-${row.rowId}-value`} className="select" value={row.value} onChange={(event) => setAttribute(row.rowId, { value: event.target.value })}>
                      <option value="true">{t('contact.yes')}</option>
                      <option value="false">{t('contact.no')}</option>
                    </select>
                  ) : (
                    <input
                      id={`${id}-attr-${row.rowId}-value`}
                      className="input"
                      type={row.type === 'number' ? 'number' : 'text'}
                      step="any"
                      required={row.type === 'number'}
                      maxLength={2000}
                      {...inputProps(path)}
                      value={row.value}
                      onChange={(event) => setAttribute(row.rowId, { value: event.target.value })}
                    />
                  )}
                </div>
                <button
                  type="button"
                  className="button button-ghost button-small attribute-remove"
                  aria-label={t('contact.removeAttribute', { name: row.key || String(number) })}
                  onClick={() => setDraft({ ...draft, attributes: draft.attributes.filter((other) => other.rowId !== row.rowId) })}
                >
                  {t('contact.remove')}
                </button>
                {fieldError(path) ? (
                  <p id={errorId(path)} className="field-error attribute-error">
                    {fieldError(path)}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setDraft({ ...draft, attributes: [...draft.attributes, { rowId: nextRowId.current++, key: '', type: 'text', value: '' }] })}
        >
          {t('contact.addAttribute')}
        </button>
      </fieldset>

      <FormButtons disabled={busy} submitLabel={t('common.save')} onCancel={onCancel} />
    </form>
  );
}
