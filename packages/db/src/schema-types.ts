/** Text an admin writes once per language; a missing language falls back to the account's default. */
export type LocalizedText = Partial<Record<'en' | 'ja' | 'zh', string>>;
