/** Portal text for gifts (issue 8), spread into the portal's dictionaries; every key in all three languages. */
export const giftsEn = {};

export const giftsJa: Record<keyof typeof giftsEn, string> = {};

export const giftsZh: Record<keyof typeof giftsEn, string> = {};
