/** Portal text for games (issue 8), spread into the portal's dictionaries; every key in all three languages. */
export const gamesEn = {};

export const gamesJa: Record<keyof typeof gamesEn, string> = {};

export const gamesZh: Record<keyof typeof gamesEn, string> = {};
