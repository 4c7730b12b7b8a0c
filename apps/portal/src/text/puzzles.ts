/** Portal text for puzzles (issue 8), spread into the portal's dictionaries; every key in all three languages. */
export const puzzlesEn = {};

export const puzzlesJa: Record<keyof typeof puzzlesEn, string> = {};

export const puzzlesZh: Record<keyof typeof puzzlesEn, string> = {};
