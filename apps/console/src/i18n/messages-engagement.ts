/** The engagement area's frame: navigation and tab names. Each section keeps its own text in its own file. */
export const engagementEn = {
  'nav.engagement': 'Engagement',
  'engagement.sections': 'Engagement sections',
  'engagement.rewards': 'Coupons and points',
  'engagement.games': 'Games and draws',
  'engagement.puzzles': 'Daily puzzle',
  'engagement.gifts': 'Gifts',
  'engagement.live': 'Live feed',
  'engagement.delight': 'Delight budget',
  'engagement.referrals': 'Referrals and reviews',
};

export const engagementJa: Record<keyof typeof engagementEn, string> = {
  'nav.engagement': 'エンゲージメント',
  'engagement.sections': 'エンゲージメントのセクション',
  'engagement.rewards': 'クーポンとポイント',
  'engagement.games': 'ゲームと抽選',
  'engagement.puzzles': 'デイリーパズル',
  'engagement.gifts': 'ギフト',
  'engagement.live': 'ライブフィード',
  'engagement.delight': 'おもてなし予算',
  'engagement.referrals': '紹介とレビュー',
};

export const engagementZh: Record<keyof typeof engagementEn, string> = {
  'nav.engagement': '互动营销',
  'engagement.sections': '互动营销栏目',
  'engagement.rewards': '优惠券与积分',
  'engagement.games': '游戏与抽奖',
  'engagement.puzzles': '每日拼图',
  'engagement.gifts': '礼物',
  'engagement.live': '直播互动墙',
  'engagement.delight': '惊喜预算',
  'engagement.referrals': '推荐与评价',
};
