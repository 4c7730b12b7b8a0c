/** Console text for the live section of the engagement area; every key in all three languages. */
export const liveEn = {};

export const liveJa: Record<keyof typeof liveEn, string> = {};

export const liveZh: Record<keyof typeof liveEn, string> = {};
