import { useState } from 'react';
import {
  type BudgetFields, type DelightBudget, type DelightPeriod, listDelightBudgets, removeAgentDelightBudget, removeDefaultDelightBudget, setAgentDelightBudget, setDefaultDelightBudget,
} from '../../../api/delight-endpoints.ts';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';

const PERIODS: DelightPeriod[] = ['week', 'month', 'quarter'];

/** The default budget and each agent's own, set by an admin. */
export function DelightBudgets({ onChanged }: { onChanged(): void }) {
  const { t, formatMoney } = useI18n();
  const account = useCurrentAccount();
  const budgets = useResource((signal) => listDelightBudgets(account.id, signal), [account.id]);
  const [actionError, setActionError] = useState<unknown>(null);
  const changed = () => { budgets.reload(); onChanged(); };
  async function remove(userId: string | null) {
    setActionError(null);
    try {
      await (userId ? removeAgentDelightBudget(account.id, userId) : removeDefaultDelightBudget(account.id));
      changed();
    } catch (error) {
      setActionError(error);
    }
  }
  if (budgets.loading && !budgets.data) return <LoadingState />;
  const data = budgets.data;
  const nameOf = (userId: string | null) => data?.members.find((member) => member.userId === userId)?.name ?? '—';
  const describe = (budget: DelightBudget) => t('delight.budgetLine', { amount: formatMoney(budget.amountMinor, budget.currency), period: t(`delight.period.${budget.period}`) });
  return (
    <div className="delight-budgets">
      <section className="panel" aria-labelledby="delight-default-heading">
        <h2 id="delight-default-heading" className="panel-title">{t('delight.defaultBudget')}</h2>
        <p className="panel-description">{t('delight.defaultBudgetHint')}</p>
        <ErrorNotice error={budgets.error ?? actionError} />
        {data?.defaultBudget ? (
          <p data-testid="delight-default-budget">
            <strong>{describe(data.defaultBudget)}</strong>{' '}
            <ConfirmButton label={t('delight.remove')} confirmLabel={t('delight.confirmRemove')} ariaLabel={`${t('delight.remove')}: ${t('delight.defaultBudget')}`} onConfirm={() => remove(null)} />
          </p>
        ) : <p className="muted">{t('delight.noDefault')}</p>}
        <BudgetForm idPrefix="default" initial={data?.defaultBudget ?? null} onSave={async (fields) => { await setDefaultDelightBudget(account.id, fields); changed(); }} />
      </section>
      <section className="panel" aria-labelledby="delight-agents-heading">
        <h2 id="delight-agents-heading" className="panel-title">{t('delight.agentBudgets')}</h2>
        <p className="panel-description">{t('delight.agentBudgetsHint')}</p>
        {data && data.agentBudgets.length > 0 ? (
          <ul className="plain-list">
            {data.agentBudgets.map((budget) => (
              <li key={budget.id} className="mini-row">
                <span className="mini-row-main"><strong>{nameOf(budget.userId)}</strong> · {describe(budget)}</span>
                <ConfirmButton label={t('delight.remove')} confirmLabel={t('delight.confirmRemove')} ariaLabel={`${t('delight.remove')}: ${nameOf(budget.userId)}`} onConfirm={() => remove(budget.userId)} />
              </li>
            ))}
          </ul>
        ) : <p className="muted">{t('delight.noAgentBudgets')}</p>}
        {data ? <AgentBudgetForm members={data.members} onSave={async (userId, fields) => { await setAgentDelightBudget(account.id, userId, fields); changed(); }} /> : null}
      </section>
    </div>
  );
}

function AgentBudgetForm({ members, onSave }: { members: { userId: string; name: string }[]; onSave(userId: string, fields: BudgetFields): Promise<void> }) {
  const { t } = useI18n();
  const [userId, setUserId] = useState(members[0]?.userId ?? '');
  return (
    <>
      <div className="field">
        <label htmlFor="delight-agent">{t('delight.agent')}</label>
        <select id="delight-agent" className="select" value={userId} onChange={(event) => setUserId(event.currentTarget.value)}>
          {members.map((member) => <option key={member.userId} value={member.userId}>{member.name}</option>)}
        </select>
      </div>
      <BudgetForm idPrefix="agent" initial={null} onSave={(fields) => onSave(userId, fields)} />
    </>
  );
}

function BudgetForm({ idPrefix, initial, onSave }: { idPrefix: string; initial: DelightBudget | null; onSave(fields: BudgetFields): Promise<void> }) {
  const { t } = useI18n();
  const [period, setPeriod] = useState<DelightPeriod>(initial?.period ?? 'month');
  const [amount, setAmount] = useState(initial ? String(initial.amountMinor / 100) : '50');
  const [currency, setCurrency] = useState(initial?.currency ?? 'USD');
  const [pointValue, setPointValue] = useState(String(initial?.pointValueMinor ?? 1));
  const [saved, setSaved] = useState(false);
  const form = useFormAction(async () => {
    setSaved(false);
    await onSave({ period, amountMinor: Math.round(Number(amount.replace(',', '.')) * 100), currency: currency.toUpperCase(), pointValueMinor: Math.floor(Number(pointValue)) });
    setSaved(true);
  });
  return (
    <form className="form" onSubmit={(event) => void form.handleSubmit(event)} noValidate aria-label={idPrefix === 'default' ? t('delight.defaultBudget') : t('delight.agentBudgets')}>
      {form.error ? <ErrorNotice error={form.error} /> : null}
      <div className="form-row">
        <div className="field field-grow">
          <label htmlFor={`${idPrefix}-amount`}>{t('delight.amount')}</label>
          <input id={`${idPrefix}-amount`} className="input" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.currentTarget.value)} />
        </div>
        <div className="field field-grow">
          <label htmlFor={`${idPrefix}-currency`}>{t('delight.currency')}</label>
          <input id={`${idPrefix}-currency`} className="input" maxLength={3} value={currency} onChange={(event) => setCurrency(event.currentTarget.value)} />
        </div>
        <div className="field field-grow">
          <label htmlFor={`${idPrefix}-period`}>{t('delight.periodLabel')}</label>
          <select id={`${idPrefix}-period`} className="select" value={period} onChange={(event) => setPeriod(event.currentTarget.value as DelightPeriod)}>
            {PERIODS.map((item) => <option key={item} value={item}>{t(`delight.period.${item}`)}</option>)}
          </select>
        </div>
        <div className="field field-grow">
          <label htmlFor={`${idPrefix}-point-value`}>{t('delight.pointValue')}</label>
          <input id={`${idPrefix}-point-value`} className="input" type="number" min={0} value={pointValue} onChange={(event) => setPointValue(event.currentTarget.value)} />
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={form.busy}>{t('delight.save')}</button>
        {saved ? <span role="status" className="muted small">{t('delight.saved')}</span> : null}
      </div>
    </form>
  );
}
