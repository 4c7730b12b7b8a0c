/** Console text for the games section of the engagement area; every key in all three languages. */
export const gamesEn = {};

export const gamesJa: Record<keyof typeof gamesEn, string> = {};

export const gamesZh: Record<keyof typeof gamesEn, string> = {};
