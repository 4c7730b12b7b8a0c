/** Console text for the delight section of the engagement area; every key in all three languages. */
export const delightEn = {};

export const delightJa: Record<keyof typeof delightEn, string> = {};

export const delightZh: Record<keyof typeof delightEn, string> = {};
