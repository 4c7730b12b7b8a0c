/** Console text of the experience engine's touchpoints (issue 7): one block, spread into each language's dictionary. */
export const touchpointsEn = {
};

export const touchpointsJa: Record<keyof typeof touchpointsEn, string> = {
};

export const touchpointsZh: Record<keyof typeof touchpointsEn, string> = {
};
