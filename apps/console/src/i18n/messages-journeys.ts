/** Console text of the experience engine's journeys (issue 7): one block, spread into each language's dictionary. */
export const journeysEn = {
};

export const journeysJa: Record<keyof typeof journeysEn, string> = {
};

export const journeysZh: Record<keyof typeof journeysEn, string> = {
};
