import type { Database } from '@touchpoint/db';
import { castVote, createFeed, createPoll, importPost, moderatePost, requireFeed, setPollStatus, signInViewer, submitViewerPost, updateFeed } from '@touchpoint/live-feed';

/**
 * The demo's live feed: "Sakura Live Shopping", on air, in manual moderation, with approved posts from phones and
 * Instagram (one pinned), one post waiting in the queue, a comment the blocklist held, and an open poll with votes.
 * Phone page /live/sakura/spring-live, overlay /live/sakura/spring-live/overlay.
 */
export async function loadDemoLiveFeed(db: Database, accountId: string) {
  const created = await createFeed(db, accountId, { name: 'Sakura Live Shopping — Spring edition', slug: 'spring-live', moderation: 'manual', locale: 'ja', postsPerMinute: 3 });
  await updateFeed(db, accountId, created.id, { status: 'live' });
  const feed = await requireFeed(db, accountId, created.id);
  const viewers = [];
  for (const name of ['Aiko', 'Ken', 'Mei', 'Oliver']) viewers.push((await signInViewer(db, feed, { displayName: name })).viewer);
  const approved = [
    await submitViewerPost(db, feed, viewers[0]!, { text: 'この桜色のマグ、かわいい！', emoji: '😍' }),
    await submitViewerPost(db, feed, viewers[1]!, { text: 'Is the linen tote coming back in navy?' }),
    await submitViewerPost(db, feed, viewers[2]!, { text: '主播好专业，已下单！', emoji: '👏' }),
    (await importPost(db, feed, { source: 'instagram', externalId: 'demo-ig-1', authorName: '@kenji.makes', text: 'Watching from Kyoto #SakuraLive' })).post,
  ];
  for (const post of approved) await moderatePost(db, accountId, feed.id, post.id, 'approve', null);
  await moderatePost(db, accountId, feed.id, approved[0]!.id, 'pin', null);
  await submitViewerPost(db, feed, viewers[3]!, { text: 'Can you show the back of the jacket again?' });
  await importPost(db, feed, { source: 'hashtag', externalId: 'demo-tag-1', authorName: '@spam_bot', text: 'Cheap followers at www.spam.test #SakuraLive' });
  const poll = await createPoll(db, accountId, feed.id, { question: '次に紹介してほしい商品は？ / What should we show next?', options: ['Linen tote', 'Sakura mug', 'Kimono jacket'] });
  await setPollStatus(db, accountId, feed.id, poll.id, 'open');
  for (const [index, viewer] of viewers.entries()) await castVote(db, feed, viewer, poll.id, ['a', 'b', 'b', 'c'][index]!);
  return { liveFeedId: feed.id };
}
