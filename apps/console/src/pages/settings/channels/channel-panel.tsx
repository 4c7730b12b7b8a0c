import { useEffect, useId, useRef, useState } from 'react';
import { connectInboxChannel, disconnectInboxChannel, getInboxChannel } from '../../../api/channel-endpoints.ts';
import type { ChannelField, Inbox, InboxChannelState } from '../../../api/types.ts';
import { describeChannel } from '../../../components/channel-label.ts';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { CopyField } from '../../../components/copy-field.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { CheckIcon } from '../../../components/icons.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { DateTime } from '../../../components/time-text.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { FormError, readFieldError } from '../helpdesk-shared.tsx';
import { createChannelDraft, fieldErrorPath, inputTypeOf, isSecretEditable, toChannelSettings, type ChannelDraft } from './channel-form.ts';
import { describeChannelField, describeUnsupported, describeWebhookHint, translateFieldError, widgetSnippetOf } from './channel-field-text.ts';
import { WhatsAppTemplatesPanel } from './whatsapp-templates-panel.tsx';
import './channel-settings.css';

/** A stored secret: only that it is set, and a button that opens an empty input to replace it. */
function SecretSetRow({ id, field, label, help, onReplace }: { id: string; field: ChannelField; label: string; help: string | null; onReplace(): void }) {
  const { t } = useI18n();
  return (
    <div className="field channel-secret" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className="field-label">{label}</span>
      <div className="channel-secret-row">
        <span className="badge badge-secret-set">
          <CheckIcon />
          {t('channelSettings.secretSet')}
        </span>
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label={t('channelSettings.replaceNamed', { name: label })}
          data-field={field.key}
          onClick={onReplace}
        >
          {t('channelSettings.replace')}
        </button>
      </div>
      {help ? <p className="field-hint">{help}</p> : null}
    </div>
  );
}

function ChannelForm({ inboxId, state, version, onSaved }: {
  inboxId: string;
  state: InboxChannelState;
  /** Changes with every save: the form then starts again from what the server stored (secret inputs emptied). */
  version: number;
  onSaved(next: InboxChannelState): void;
}) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [draft, setDraft] = useState<ChannelDraft>(() => createChannelDraft(state));
  // Reset in place rather than remounting, so focus stays on the button that saved.
  const [draftVersion, setDraftVersion] = useState(version);
  if (draftVersion !== version) {
    setDraftVersion(version);
    setDraft(createChannelDraft(state));
  }
  const [focusKey, setFocusKey] = useState<{ key: string; target: 'input' | 'replace' } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const { error, busy, handleSubmit } = useFormAction(async () => {
    onSaved(await connectInboxChannel(account.id, inboxId, toChannelSettings(state.fields, draft)));
  });

  // Opening a secret for replacement moves focus into its input; keeping the old one moves it back to "Replace".
  useEffect(() => {
    if (!focusKey) return;
    const selector = focusKey.target === 'input' ? `#${CSS.escape(`${id}-${focusKey.key}`)}` : `button[data-field="${CSS.escape(focusKey.key)}"]`;
    formRef.current?.querySelector<HTMLElement>(selector)?.focus();
    setFocusKey(null);
  }, [focusKey, id]);

  const fieldPaths = state.fields.map(fieldErrorPath);
  const setReplacing = (key: string, replacing: boolean) => {
    setDraft((previous) => {
      const secrets = { ...previous.secrets };
      if (!replacing) delete secrets[key];
      return { ...previous, secrets, replacing: replacing ? [...previous.replacing, key] : previous.replacing.filter((item) => item !== key) };
    });
    setFocusKey({ key, target: replacing ? 'input' : 'replace' });
  };

  return (
    // noValidate: the server checks the settings and its answers are shown next to the fields, in the reader's language.
    <form ref={formRef} className="form channel-form" noValidate onSubmit={handleSubmit}>
      <FormError error={error} fieldPaths={fieldPaths} />
      {state.fields.map((field) => {
        const { label, help } = describeChannelField(state.channel, field.key, t);
        const inputId = `${id}-${field.key}`;
        const fieldError = translateFieldError(readFieldError(error, fieldErrorPath(field)), t);
        if (field.secret && !isSecretEditable(field, state.secretsSet, draft)) {
          return <SecretSetRow key={field.key} id={inputId} field={field} label={label} help={help} onReplace={() => setReplacing(field.key, true)} />;
        }
        const replacing = field.secret && state.secretsSet.includes(field.key);
        const hint = (
          <>
            {help}
            {field.defaultValue ? (
              <span className="channel-field-default">{t('channelSettings.defaultValue', { value: field.defaultValue })}</span>
            ) : null}
            {replacing ? <span className="channel-field-default">{t('channelSettings.replaceHint')}</span> : null}
          </>
        );
        const value = field.secret ? draft.secrets[field.key] ?? '' : draft.config[field.key] ?? '';
        return (
          <div key={field.key} className="channel-field">
            <TextField
              id={inputId}
              className="field"
              label={label}
              hint={help || field.defaultValue || replacing ? hint : undefined}
              error={fieldError}
              type={inputTypeOf(field)}
              // A stored secret may be left alone, so its replacement is never required.
              required={Boolean(field.required) && !replacing}
              maxLength={4000}
              spellCheck={false}
              autoCapitalize="off"
              autoComplete={field.secret ? 'new-password' : 'off'}
              placeholder={field.defaultValue}
              value={value}
              onChange={(event) => {
                const next = event.target.value;
                setDraft((previous) =>
                  field.secret ? { ...previous, secrets: { ...previous.secrets, [field.key]: next } } : { ...previous, config: { ...previous.config, [field.key]: next } },
                );
              }}
            />
            {replacing ? (
              <button
                type="button"
                className="button button-ghost button-small channel-keep"
                aria-label={t('channelSettings.keepSecretNamed', { name: label })}
                onClick={() => setReplacing(field.key, false)}
              >
                {t('channelSettings.keepSecret')}
              </button>
            ) : null}
          </div>
        );
      })}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {state.connected ? t('channelSettings.save') : t('channelSettings.connect')}
        </button>
      </div>
    </form>
  );
}

/**
 * An inbox's channel: whether it is connected, the form built from the channel's settings (secrets write-only), the
 * webhook URL to give the provider, and disconnecting. Channels without a provider say so instead.
 */
export function ChannelPanel({ inbox }: { inbox: Inbox }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const resource = useResource((signal) => getInboxChannel(account.id, inbox.id, signal), [account.id, inbox.id]);
  // The answer of the last connect or disconnect; it is newer than what was loaded.
  const [saved, setSaved] = useState<{ state: InboxChannelState; message: string; version: number } | null>(null);
  const [disconnectError, setDisconnectError] = useState<unknown>(null);
  const state = saved?.state ?? resource.data;
  const channelName = describeChannel(inbox.channel, t);

  const remember = (next: InboxChannelState, message: string) =>
    setSaved((previous) => ({ state: next, message, version: (previous?.version ?? 0) + 1 }));

  return (
    <section className="panel channel-panel" aria-labelledby={headingId}>
      <div className="channel-panel-head">
        <h2 id={headingId} ref={headingRef} className="panel-title" tabIndex={-1}>
          {t('channelSettings.heading', { channel: channelName })}
        </h2>
        {state?.supported ? (
          <span className={`badge ${state.connected ? 'badge-channel-connected' : 'badge-channel-disconnected'}`}>
            {state.connected ? t('channelSettings.connected') : t('channelSettings.notConnected')}
          </span>
        ) : null}
      </div>
      <ErrorNotice error={resource.error} />
      {resource.loading && !state ? <LoadingState /> : null}
      {state && !state.supported ? <p className="notice notice-info">{describeUnsupported(state.channel, channelName, t)}</p> : null}
      {state?.supported ? (
        <>
          <p className="panel-description">
            {state.connected && state.connectedAt ? (
              <>
                {t('channelSettings.connectedSince')} <DateTime iso={state.connectedAt} />
              </>
            ) : (
              t('channelSettings.intro', { channel: channelName })
            )}
          </p>
          <p className="channel-saved" role="status">
            {saved?.message ?? ''}
          </p>
          {state.connected ? (
            <div className="channel-webhook">
              {state.channel === 'web_chat' ? (
                <CopyField label={t('channelSettings.widgetSnippet')} value={widgetSnippetOf(state.webhookUrl)} description={t('channelSettings.widgetSnippetHint')} />
              ) : (
                <CopyField label={t('channelSettings.webhookUrl')} value={state.webhookUrl} description={describeWebhookHint(state.channel, t)} />
              )}
            </div>
          ) : null}
          <ChannelForm
            version={saved?.version ?? 0}
            inboxId={inbox.id}
            state={state}
            onSaved={(next) => remember(next, t(state.connected ? 'channelSettings.savedChanges' : 'channelSettings.connectedNow', { channel: channelName }))}
          />
          {state.connected && state.channel === 'whatsapp' ? <WhatsAppTemplatesPanel accountId={account.id} inboxId={inbox.id} /> : null}
          {state.connected ? (
            <div className="channel-disconnect">
              <p className="field-hint">{t('channelSettings.disconnectHint', { channel: channelName })}</p>
              <ErrorNotice error={disconnectError} />
              <ConfirmButton
                label={t('channelSettings.disconnect')}
                confirmLabel={t('channelSettings.disconnectConfirm')}
                onConfirm={async () => {
                  setDisconnectError(null);
                  try {
                    remember(await disconnectInboxChannel(account.id, inbox.id), t('channelSettings.disconnectedNow', { channel: channelName }));
                    // The button that had focus is gone with the connection: start again from the panel's title.
                    headingRef.current?.focus();
                  } catch (reason) {
                    setDisconnectError(reason);
                  }
                }}
              />
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
