import { type FormEvent, useState } from 'react';

/**
 * The submit handler of a form that calls the API: prevents the page load, marks the form busy, and keeps the error
 * to show (problem+json details) until the next attempt.
 */
export function useFormAction(action: () => Promise<void>) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }
  return { error, setError, busy, handleSubmit };
}
