import { useId, useRef, useState } from 'react';
import {
  createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply, type CannedReplyInput,
} from '../../api/helpdesk-endpoints.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { CreatePanel, EditableList } from './editable-list.tsx';
import { FormButtons, FormError, readFieldError } from './helpdesk-shared.tsx';
import { useFormAction } from '../../hooks/use-form-action.ts';

/** The variables the server's Liquid renderer fills in (packages/conversations canned replies). */
const VARIABLES: { code: string; description: MessageKey }[] = [
  { code: '{{ contact.name }}', description: 'canned.varContactName' },
  { code: '{{ contact.first_name | default: "there" }}', description: 'canned.varFirstName' },
  { code: '{{ agent.name }}', description: 'canned.varAgentName' },
  { code: '{{ conversation.number }}', description: 'canned.varConversationNumber' },
];

const FIELD_PATHS = ['shortcut', 'title', 'body'] as const;

function CannedReplyForm({ initial, submitLabel, onSubmit, onCancel }: {
  initial: CannedReplyInput;
  submitLabel: string;
  onSubmit(value: CannedReplyInput): Promise<void>;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [value, setValue] = useState(initial);
  const bodyRef = useRef<HTMLTextAreaElement>(null);

  function insertVariable(code: string) {
    const textarea = bodyRef.current;
    const start = textarea?.selectionStart ?? value.body.length;
    const end = textarea?.selectionEnd ?? value.body.length;
    const body = value.body.slice(0, start) + code + value.body.slice(end);
    setValue({ ...value, body });
    requestAnimationFrame(() => {
      textarea?.focus();
      textarea?.setSelectionRange(start + code.length, start + code.length);
    });
  }

  const { error, busy, handleSubmit } = useFormAction(async () => {
    await onSubmit({ shortcut: value.shortcut.trim(), title: value.title.trim(), body: value.body });
    if (!onCancel) setValue({ shortcut: '', title: '', body: '' });
  });

  const fieldError = (path: (typeof FIELD_PATHS)[number]) => readFieldError(error, path);
  const describedBy = (path: (typeof FIELD_PATHS)[number], hint?: string) =>
    [hint, fieldError(path) ? `${id}-${path}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const renderFieldError = (path: (typeof FIELD_PATHS)[number]) =>
    fieldError(path) ? (
      <p id={`${id}-${path}-error`} className="field-error">
        {path === 'body' ? t('canned.templateError', { message: fieldError(path) ?? '' }) : fieldError(path)}
      </p>
    ) : null;

  return (
    <form className="form" onSubmit={handleSubmit}>
      <FormError error={error} fieldPaths={FIELD_PATHS} />
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-shortcut`}>{t('canned.shortcut')}</label>
          <input
            id={`${id}-shortcut`}
            className="input input-mono"
            required
            maxLength={40}
            aria-invalid={fieldError('shortcut') ? true : undefined}
            aria-describedby={describedBy('shortcut', `${id}-shortcut-hint`)}
            value={value.shortcut}
            onChange={(event) => setValue({ ...value, shortcut: event.target.value })}
          />
          <p id={`${id}-shortcut-hint`} className="field-hint">
            {t('canned.shortcutHint')}
          </p>
          {renderFieldError('shortcut')}
        </div>
        <div className="field field-grow">
          <label htmlFor={`${id}-title`}>{t('canned.title')}</label>
          <input
            id={`${id}-title`}
            className="input"
            required
            maxLength={120}
            aria-invalid={fieldError('title') ? true : undefined}
            aria-describedby={describedBy('title')}
            value={value.title}
            onChange={(event) => setValue({ ...value, title: event.target.value })}
          />
          {renderFieldError('title')}
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>{t('canned.body')}</label>
        <textarea
          ref={bodyRef}
          id={`${id}-body`}
          className="textarea"
          required
          rows={5}
          maxLength={10000}
          aria-invalid={fieldError('body') ? true : undefined}
          aria-describedby={describedBy('body', `${id}-vars`)}
          value={value.body}
          onChange={(event) => setValue({ ...value, body: event.target.value })}
        />
        {renderFieldError('body')}
      </div>
      <div className="variable-help" id={`${id}-vars`}>
        <p className="variable-help-title">{t('canned.variablesHelp')}</p>
        <ul className="variable-list">
          {VARIABLES.map((variable) => (
            <li key={variable.code}>
              <button
                type="button"
                className="button button-ghost button-small variable-insert"
                aria-label={t('canned.insertNamed', { variable: variable.code })}
                onClick={() => insertVariable(variable.code)}
              >
                <code className="mono">{variable.code}</code>
              </button>
              <span className="muted small">{t(variable.description)}</span>
            </li>
          ))}
        </ul>
      </div>
      <FormButtons disabled={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

export function CannedRepliesPage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [query, setQuery] = useState('');
  const replies = useResource((signal) => listCannedReplies(account.id, query.trim() || null, signal), [account.id, query], {
    accountId: account.id,
    events: ['canned_reply.*'],
  });

  return (
    <>
      <PageHeader title={t('settings.cannedReplies')} description={t('canned.description')} />

      <CreatePanel heading={t('canned.createHeading')}>
        <CannedReplyForm
          initial={{ shortcut: '', title: '', body: '' }}
          submitLabel={t('canned.create')}
          onSubmit={async (value) => {
            await createCannedReply(account.id, value);
            replies.reload();
          }}
        />
      </CreatePanel>

      <EditableList
        heading={t('canned.listHeading')}
        headAside={
          <div className="field">
            <label htmlFor={`${id}-search`} className="visually-hidden">
              {t('canned.search')}
            </label>
            <input
              id={`${id}-search`}
              type="search"
              className="input"
              placeholder={t('canned.search')}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          </div>
        }
        resource={replies}
        emptyTitle={query.trim() ? t('canned.noMatch') : t('canned.empty')}
        readName={(reply) => reply.title}
        deleteConfirm={t('canned.deleteConfirm')}
        deleteItem={(reply) => deleteCannedReply(account.id, reply.id)}
        renderEditor={(reply, close) => (
          <CannedReplyForm
            initial={reply}
            submitLabel={t('common.save')}
            onCancel={() => close(false)}
            onSubmit={async (value) => {
              await updateCannedReply(account.id, reply.id, value);
              close(true);
            }}
          />
        )}
        renderItem={(reply, actions) => (
          <div className="helpdesk-item-block">
            <div className="helpdesk-item-row">
              <code className="mono shortcut-chip">/{reply.shortcut}</code>
              <span className="helpdesk-item-name">{reply.title}</span>
              {actions}
            </div>
            <p className="canned-body">{reply.body}</p>
          </div>
        )}
      />
    </>
  );
}
