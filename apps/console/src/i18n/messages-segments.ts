/** Console text of the experience engine's segments (issue 7): one block, spread into each language's dictionary. */
export const segmentsEn = {
};

export const segmentsJa: Record<keyof typeof segmentsEn, string> = {
};

export const segmentsZh: Record<keyof typeof segmentsEn, string> = {
};
