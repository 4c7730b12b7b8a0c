/** Console text of the experience engine's templates (issue 7): one block, spread into each language's dictionary. */
export const templatesEn = {
};

export const templatesJa: Record<keyof typeof templatesEn, string> = {
};

export const templatesZh: Record<keyof typeof templatesEn, string> = {
};
