import type { MeAccount } from '../api/types.ts';
import { canOpenSection, findSettingsSection, paths } from './paths.ts';

/**
 * Where to land when switching accounts from `pathname`: the same section, never an id of the old account
 * (it would answer 404 in the new one), and never an admin page for an agent. A search is run again in the new
 * account (`searchQuery` is the `q` of the URL): its words name nothing that belongs to the old one.
 */
export function buildSwitchTarget(pathname: string, next: MeAccount, searchQuery: string | null = null): string {
  const [, , , section, detail] = pathname.split('/');
  if (section === 'search') return paths.search(next.id, searchQuery ?? undefined);
  if (section === 'conversations') return paths.conversations(next.id);
  if (section === 'contacts') return paths.contacts(next.id);
  if (section === 'settings') {
    const found = findSettingsSection(detail);
    return paths.settings(next.id, found && canOpenSection(found, next.role) ? found.id : 'profile');
  }
  return paths.home(next.id);
}
