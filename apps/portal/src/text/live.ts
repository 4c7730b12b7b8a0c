/** Portal text for live (issue 8), spread into the portal's dictionaries; every key in all three languages. */
export const liveEn = {
  liveNow: 'Live now',
  liveNowLead: 'Join the show and post from your phone',
};

export const liveJa: Record<keyof typeof liveEn, string> = {
  liveNow: 'ライブ配信中',
  liveNowLead: '番組に参加して、スマートフォンから投稿しよう',
};

export const liveZh: Record<keyof typeof liveEn, string> = {
  liveNow: '正在直播',
  liveNowLead: '加入节目，用手机参与互动',
};
