import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useModalDialog } from '../../hooks/use-modal-dialog.ts';

const SHORTCUTS: [string, MessageKey][] = [
  ['j', 'shortcut.next'],
  ['k', 'shortcut.previous'],
  ['r', 'shortcut.reply'],
  ['n', 'shortcut.note'],
  ['e', 'shortcut.resolve'],
  ['a', 'shortcut.assignMe'],
  ['/', 'shortcut.search'],
  ['/', 'shortcut.canned'],
  ['Ctrl/⌘ + Enter', 'shortcut.send'],
  ['Esc', 'shortcut.close'],
  ['?', 'shortcut.help'],
];

/** A modal `<dialog>`: the browser traps focus and closes it on Escape; focus returns to the opener. */
export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const ref = useModalDialog();
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">{t('shortcut.title')}</h2>
      <dl className="shortcut-list">
        {SHORTCUTS.map(([key, label]) => (
          <div key={label}>
            <dt><kbd>{key}</kbd></dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t('shortcut.typingNote')}</p>
      <button type="button" className="button button-primary" onClick={() => ref.current?.close()} autoFocus>
        {t('common.done')}
      </button>
    </dialog>
  );
}
