import type { GiftStats } from '../../../api/gift-endpoints.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';

/** Headline figures and the sent → opened → claimed → reacted funnel as bars (easier seen than read). */
export function GiftStatsPanel({ stats }: { stats: GiftStats }) {
  const { t, formatNumber } = useI18n();
  const of = (status: keyof GiftStats['byStatus']) => stats.byStatus[status] ?? 0;
  const reacted = of('reacted');
  const claimed = of('claimed') + of('swapped') + reacted;
  const opened = of('opened') + claimed;
  const sent = stats.total - of('cancelled') - of('scheduled');
  const steps = [
    { key: 'gifts.funnelSent' as const, value: sent },
    { key: 'gifts.funnelOpened' as const, value: opened },
    { key: 'gifts.funnelClaimed' as const, value: claimed },
    { key: 'gifts.funnelReacted' as const, value: reacted },
  ];
  const percent = (value: number) => `${formatNumber(Math.round(value * 100))}%`;
  return (
    <section className="gift-stats" aria-label={t('gifts.stats')}>
      <dl className="gift-figures">
        <div><dt>{t('gifts.statTotal')}</dt><dd>{formatNumber(stats.total)}</dd></div>
        <div><dt>{t('gifts.statClaimRate')}</dt><dd>{percent(stats.claimRate)}</dd></div>
        <div><dt>{t('gifts.statReactionRate')}</dt><dd>{percent(stats.reactionRate)}</dd></div>
      </dl>
      <p className="muted">{t('gifts.statReactions', { photo: formatNumber(stats.reactions.photo ?? 0), video: formatNumber(stats.reactions.video ?? 0), text: formatNumber(stats.reactions.text ?? 0) })}</p>
      <figure className="gift-funnel">
        <figcaption className="section-title">{t('gifts.funnel')}</figcaption>
        <ul>
          {steps.map((step) => (
            <li key={step.key}>
              <span className="gift-funnel-label">{t(step.key)}</span>
              <span className="gift-funnel-track" aria-hidden="true"><span className="gift-funnel-bar" style={{ width: `${sent ? Math.round((step.value / sent) * 100) : 0}%` }} /></span>
              <span className="gift-funnel-value">{formatNumber(step.value)}</span>
            </li>
          ))}
        </ul>
      </figure>
    </section>
  );
}
