/** Console text of the experience engine's events (issue 7): one block, spread into each language's dictionary. */
export const customerEventsEn = {
};

export const customerEventsJa: Record<keyof typeof customerEventsEn, string> = {
};

export const customerEventsZh: Record<keyof typeof customerEventsEn, string> = {
};
