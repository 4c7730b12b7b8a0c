import { useState } from 'preact/hooks';
import type { Translate } from './i18n.ts';

/**
 * The answer bot's parts of the chat: quick replies under its latest message (a clarifying question's choices,
 * "Yes, thanks" / "No, that didn't help"), each sent as the customer's message, and the "talk to a person" button
 * shown for as long as the bot is answering, so a person is always one tap away.
 */
export function BotChoices({ t, choices, onPick }: { t: Translate; choices: string[]; onPick(choice: string): void }) {
  return (
    <ul class="tp-choices" aria-label={t('suggestedReplies')}>
      {choices.map((choice) => (
        <li key={choice}>
          <button type="button" class="tp-choice" onClick={() => onPick(choice)}>{choice}</button>
        </li>
      ))}
    </ul>
  );
}

export function TalkToPerson({ t, onHandover }: { t: Translate; onHandover(): Promise<unknown> }) {
  const [busy, setBusy] = useState(false);
  return (
    <div class="tp-human">
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          onHandover().catch(() => {}).finally(() => setBusy(false));
        }}
      >
        {t('talkToPerson')}
      </button>
    </div>
  );
}
