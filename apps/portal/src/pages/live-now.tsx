import { useEffect, useState } from 'preact/hooks';
import { usePortal } from '../portal-context.ts';

interface LiveShow { name: string; path: string }

/** A card per show on air now (live feed), linking to its phone page; nothing when no show is live. */
export function LiveNow() {
  const { handle, t } = usePortal();
  const [shows, setShows] = useState<LiveShow[]>([]);
  useEffect(() => {
    let mounted = true;
    fetch(`/api/live/${encodeURIComponent(handle)}`, { headers: { accept: 'application/json' } })
      .then((response) => (response.ok ? (response.json() as Promise<{ feeds: LiveShow[] }>) : { feeds: [] }))
      .then((data) => mounted && setShows(data.feeds))
      .catch(() => undefined);
    return () => {
      mounted = false;
    };
  }, [handle]);
  if (shows.length === 0) return null;
  return (
    <div class="actions-grid">
      {shows.map((show) => (
        <a key={show.path} href={show.path} class="action-card">
          <span class="action-title">{t('liveNow')}: {show.name}</span>
          <span class="muted">{t('liveNowLead')}</span>
        </a>
      ))}
    </div>
  );
}
