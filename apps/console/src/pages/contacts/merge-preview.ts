import type { ContactDetail } from '../../api/types.ts';

export interface MergePreview {
  conversations: number;
  orders: number;
  notes: number;
  /** Emails and phones of the duplicate the kept contact does not have yet (they become "other" ones, or primary if it has none). */
  addedEmails: string[];
  addedPhones: string[];
  /** Profile fields the kept contact lacks and takes from the duplicate; the kept contact wins every conflict. */
  filledFields: ('locale' | 'timeZone' | 'company' | 'socialHandles' | 'attributes')[];
}

const allOf = (primary: string | null, others: string[]) => [primary, ...others].filter((value): value is string => !!value);

/**
 * What merging `duplicate` into `kept` will change, as the server's merge does it (packages/contacts mergeProfiles).
 * Conversation counts are those this agent can see; the merge moves every one.
 */
export function previewMerge(kept: ContactDetail, duplicate: ContactDetail, duplicateNotes: number): MergePreview {
  const keptEmails = new Set(allOf(kept.email, kept.otherEmails));
  const keptPhones = new Set(allOf(kept.phone, kept.otherPhones));
  const filledFields: MergePreview['filledFields'] = [];
  if (!kept.locale && duplicate.locale) filledFields.push('locale');
  if (!kept.timeZone && duplicate.timeZone) filledFields.push('timeZone');
  if (!kept.company && duplicate.company) filledFields.push('company');
  if (Object.keys(duplicate.socialHandles).some((network) => !(network in kept.socialHandles))) filledFields.push('socialHandles');
  if (Object.keys(duplicate.attributes).some((key) => !(key in kept.attributes) || kept.attributes[key] === null)) filledFields.push('attributes');
  return {
    conversations: duplicate.conversations.length,
    orders: duplicate.orders.length,
    notes: duplicateNotes,
    addedEmails: allOf(duplicate.email, duplicate.otherEmails).filter((email) => !keptEmails.has(email)),
    addedPhones: allOf(duplicate.phone, duplicate.otherPhones).filter((phone) => !keptPhones.has(phone)),
    filledFields,
  };
}
