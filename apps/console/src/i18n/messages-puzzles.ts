/** Console text for the puzzles section of the engagement area; every key in all three languages. */
export const puzzlesEn = {};

export const puzzlesJa: Record<keyof typeof puzzlesEn, string> = {};

export const puzzlesZh: Record<keyof typeof puzzlesEn, string> = {};
