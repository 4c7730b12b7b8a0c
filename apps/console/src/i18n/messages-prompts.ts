/** Console text of the experience engine's prompts (issue 7): one block, spread into each language's dictionary. */
export const promptsEn = {
};

export const promptsJa: Record<keyof typeof promptsEn, string> = {
};

export const promptsZh: Record<keyof typeof promptsEn, string> = {
};
