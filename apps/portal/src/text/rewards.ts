/** Portal text for rewards (issue 8), spread into the portal's dictionaries; every key in all three languages. */
export const rewardsEn = {};

export const rewardsJa: Record<keyof typeof rewardsEn, string> = {};

export const rewardsZh: Record<keyof typeof rewardsEn, string> = {};
