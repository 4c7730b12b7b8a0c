/** Console text for the gifts section of the engagement area; every key in all three languages. */
export const giftsEn = {};

export const giftsJa: Record<keyof typeof giftsEn, string> = {};

export const giftsZh: Record<keyof typeof giftsEn, string> = {};
