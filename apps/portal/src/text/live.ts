/** Portal text for live (issue 8), spread into the portal's dictionaries; every key in all three languages. */
export const liveEn = {};

export const liveJa: Record<keyof typeof liveEn, string> = {};

export const liveZh: Record<keyof typeof liveEn, string> = {};
