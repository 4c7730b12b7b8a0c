import { useEffect, useId, useRef, useState } from 'react';
import { fillTemplatePreview, getWhatsAppConversationState, sendWhatsAppTemplate, type WhatsAppTemplate } from '../../api/whatsapp-endpoints.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useModalDialog } from '../../hooks/use-modal-dialog.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { createClientKey } from './inbox-state.ts';

/** The time now, moving on every minute, so the window closes on screen when it closes for WhatsApp. */
function useMinuteClock() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * Above the composer of a WhatsApp conversation: whether free-form replies still reach the customer (WhatsApp's
 * 24-hour customer-service window) and, when they do not, why, with "Send template" to reach them anyway.
 * `messageCount` reloads the state when a message arrives (a customer's message reopens the window).
 */
export function WhatsAppWindowBar({ conversationId, messageCount, onSent }: { conversationId: string; messageCount: number; onSent(): void }) {
  const { t, formatDateTime } = useI18n();
  const account = useCurrentAccount();
  const state = useResource((signal) => getWhatsAppConversationState(account.id, conversationId, signal), [account.id, conversationId]);
  const [choosing, setChoosing] = useState(false);
  const now = useMinuteClock();
  const { reload } = state;
  const seenCount = useRef(messageCount);
  useEffect(() => {
    if (seenCount.current === messageCount) return;
    seenCount.current = messageCount;
    reload();
  }, [messageCount, reload]);

  if (!state.data) return state.error ? <div className="whatsapp-window"><ErrorNotice error={state.error} /></div> : null;
  if (!state.data.connected) return null;
  const { window: serviceWindow, templates } = state.data;
  const open = serviceWindow.closesAt !== null && now < new Date(serviceWindow.closesAt).getTime();
  return (
    <div className={`whatsapp-window${open ? '' : ' is-closed'}`}>
      <p className={open ? 'muted whatsapp-window-text' : 'notice notice-warning whatsapp-window-text'} role="status">
        {open
          ? t('whatsapp.windowOpen', { time: formatDateTime(serviceWindow.closesAt) })
          : serviceWindow.lastInboundAt
            ? t('whatsapp.windowClosed', { time: formatDateTime(serviceWindow.lastInboundAt) })
            : t('whatsapp.windowNever')}
      </p>
      <button type="button" className={`button button-small ${open ? 'button-ghost' : 'button-primary'}`} onClick={() => setChoosing(true)}>
        {t('whatsapp.sendTemplate')}
      </button>
      {choosing ? (
        <TemplateDialog
          conversationId={conversationId}
          templates={templates.filter((template) => template.sendable)}
          onClose={() => setChoosing(false)}
          onSent={() => {
            setChoosing(false);
            reload();
            onSent();
          }}
        />
      ) : null}
    </div>
  );
}

/** Pick an approved template, fill its variables, check the preview, send. A modal `<dialog>`. */
function TemplateDialog({ conversationId, templates, onClose, onSent }: { conversationId: string; templates: WhatsAppTemplate[]; onClose(): void; onSent(): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const ref = useModalDialog();
  const id = useId();
  const [chosenKey, setChosenKey] = useState(() => (templates[0] ? `${templates[0].name}:${templates[0].language}` : ''));
  const [values, setValues] = useState<string[]>([]);
  const [clientKey] = useState(createClientKey);
  const chosen = templates.find((template) => `${template.name}:${template.language}` === chosenKey) ?? null;
  const complete = chosen !== null && chosen.variables.every((_, index) => values[index]?.trim());

  const { error, busy, handleSubmit } = useFormAction(async () => {
    if (!chosen || !complete) return;
    await sendWhatsAppTemplate(account.id, conversationId, { name: chosen.name, language: chosen.language, variables: chosen.variables.map((_, index) => values[index]!.trim()), clientKey: `${clientKey}:${chosenKey}` });
    onSent();
  });

  return (
    <dialog ref={ref} className="dialog dialog-wide" aria-labelledby={`${id}-title`} aria-describedby={`${id}-explain`} onClose={onClose}>
      <h2 id={`${id}-title`}>{t('whatsapp.templateTitle')}</h2>
      <p id={`${id}-explain`} className="muted">{t('whatsapp.templateExplain')}</p>
      {templates.length === 0 ? <p className="notice notice-info">{t('whatsapp.noTemplates')}</p> : null}
      <form
        className="form"
        onSubmit={handleSubmit}
      >
        {templates.length > 0 ? (
          <div className="field">
            <label htmlFor={`${id}-template`}>{t('whatsapp.template')}</label>
            <select
              id={`${id}-template`}
              className="input"
              value={chosenKey}
              onChange={(event) => {
                setChosenKey(event.target.value);
                setValues([]);
              }}
            >
              {templates.map((template) => (
                <option key={`${template.name}:${template.language}`} value={`${template.name}:${template.language}`}>
                  {template.name} ({template.language})
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {chosen?.variables.map((name, index) => (
          <div className="field" key={`${chosenKey}:${name}`}>
            <label htmlFor={`${id}-variable-${index}`}>{t('whatsapp.variable', { name: `{{${name}}}` })}</label>
            <input
              id={`${id}-variable-${index}`}
              className="input"
              required
              maxLength={1024}
              value={values[index] ?? ''}
              onChange={(event) => {
                const next = [...values];
                next[index] = event.target.value.replace(/[\n\r\t]/g, ' ');
                setValues(next);
              }}
            />
          </div>
        ))}
        {chosen ? (
          <div className="field">
            <span className="field-label-small">{t('whatsapp.preview')}</span>
            <p className="whatsapp-template-preview">{fillTemplatePreview(chosen, values)}</p>
          </div>
        ) : null}
        <ErrorNotice error={error} />
        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={() => ref.current?.close()}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={!complete || busy}>
            {t('whatsapp.send')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
