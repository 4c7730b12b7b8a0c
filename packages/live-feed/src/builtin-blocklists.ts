/**
 * Small built-in lists of phrases no show wants on screen: abuse, slurs, threats, crude sexual terms. Written for
 * Touchpoint, deliberately short (a starting point, not a complete list); an account adds its own phrases on top.
 * Every list applies to every feed whatever its locale: viewers do not all write in the show's language.
 */
export const BUILTIN_BLOCKLISTS: Record<'en' | 'ja' | 'zh', readonly string[]> = {
  en: [
    'fuck', 'fucking', 'fucker', 'motherfucker', 'shit', 'bullshit', 'cunt', 'bitch', 'asshole', 'dickhead', 'bastard',
    'whore', 'slut', 'retard', 'faggot', 'nigger', 'kill yourself', 'kys', 'go die', 'i will kill you', 'porn', 'nudes',
  ],
  ja: [
    '死ね', 'しね', '氏ね', '殺す', 'ころす', '殺してやる', 'くたばれ', '消えろ', 'きもい', 'キモい', 'うざい', 'クソ野郎', 'くそやろう', 'ブス',
    'ガイジ', 'きちがい', '基地外', 'ちんこ', 'まんこ', 'エロ動画',
  ],
  zh: [
    '傻逼', '傻屄', '煞笔', '他妈的', '他媽的', '操你', '肏你', '你妈', '你媽', '妈的', '媽的', '去死', '滚蛋', '滾蛋', '贱人', '賤人',
    '白痴', '脑残', '腦殘', '婊子', '色情',
  ],
};
