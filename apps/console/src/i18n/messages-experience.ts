/** Console text of the experience area's frame (issue 7): its nav item and tabs. */
export const experienceEn = {
  'nav.experience': 'Experience',
  'experience.sections': 'Experience sections',
  'experience.map': 'Touchpoint map',
  'experience.journeys': 'Journeys',
  'experience.segments': 'Segments',
  'experience.prompts': 'In-app prompts',
  'experience.surveys': 'Surveys',
  'experience.templates': 'Message templates',
  'experience.limits': 'Messaging limits',
};

export const experienceJa: Record<keyof typeof experienceEn, string> = {
  'nav.experience': '顧客体験',
  'experience.sections': '顧客体験のセクション',
  'experience.map': 'タッチポイントマップ',
  'experience.journeys': 'ジャーニー',
  'experience.segments': 'セグメント',
  'experience.prompts': 'アプリ内メッセージ',
  'experience.surveys': 'アンケート',
  'experience.templates': 'メッセージテンプレート',
  'experience.limits': '配信の上限',
};

export const experienceZh: Record<keyof typeof experienceEn, string> = {
  'nav.experience': '客户体验',
  'experience.sections': '客户体验栏目',
  'experience.map': '触点地图',
  'experience.journeys': '旅程',
  'experience.segments': '客户分群',
  'experience.prompts': '应用内提示',
  'experience.surveys': '问卷',
  'experience.templates': '消息模板',
  'experience.limits': '发送限制',
};
