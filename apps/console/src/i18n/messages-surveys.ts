/** Console text of the experience engine's surveys (issue 7): one block, spread into each language's dictionary. */
export const surveysEn = {
};

export const surveysJa: Record<keyof typeof surveysEn, string> = {
};

export const surveysZh: Record<keyof typeof surveysEn, string> = {
};
