/** Console text for the rewards section of the engagement area; every key in all three languages. */
export const rewardsEn = {};

export const rewardsJa: Record<keyof typeof rewardsEn, string> = {};

export const rewardsZh: Record<keyof typeof rewardsEn, string> = {};
