/** Console text for the advocacy section of the engagement area; every key in all three languages. */
export const advocacyEn = {};

export const advocacyJa: Record<keyof typeof advocacyEn, string> = {};

export const advocacyZh: Record<keyof typeof advocacyEn, string> = {};
