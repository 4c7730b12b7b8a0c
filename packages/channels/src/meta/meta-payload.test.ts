import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { loadMetaFixture } from './fixtures/meta-fixtures.ts';
import { type MetaEvent, parseMetaWebhook } from './meta-payload.ts';

const parse = (name: string, channel: 'messenger' | 'instagram' = name.startsWith('instagram') ? 'instagram' : 'messenger') =>
  parseMetaWebhook(JSON.parse(loadMetaFixture(name, { cdn: 'https://cdn.test' })), channel);

const only = <K extends MetaEvent['kind']>(events: MetaEvent[], kind: K) => {
  expect(events).toHaveLength(1);
  expect(events[0]!.kind).toBe(kind);
  return events[0] as Extract<MetaEvent, { kind: K }>;
};

describe('reading Meta webhook payloads', () => {
  it('reads a Messenger text message with its sender, page and time', () => {
    const event = only(parse('messenger-text'), 'message');
    expect(event).toMatchObject({ pageId: '104857600000001', senderId: '6001234567890123', mid: 'm_text-1', text: 'Hi! Has my order #1042 shipped yet?', attachments: [] });
    expect(event.at.toISOString()).toBe('2024-06-10T06:13:20.000Z');
  });

  it('reads attachments, a location with its coordinates and a shared link', () => {
    expect(only(parse('messenger-attachments'), 'message').attachments.map((a) => [a.type, a.url])).toEqual([
      ['image', 'https://cdn.test/v/t1.15752-9/receipt.png?stp=dst-png&_nc_cat=1'],
      ['file', 'https://cdn.test/missing/invoice.pdf'],
    ]);
    const [location, fallback] = only(parse('messenger-location-fallback'), 'message').attachments;
    expect(location).toMatchObject({ type: 'location', title: "Aiko's Location", coordinates: { latitude: 34.6937, longitude: 135.5023 } });
    expect(fallback).toMatchObject({ type: 'fallback', title: 'Spring linen collection', url: 'https://shop.example.com/collections/linen' });
  });

  it('reads a quick reply, a postback, an echo, and delivery and read receipts', () => {
    expect(only(parse('messenger-quick-reply'), 'message').quickReplyPayload).toBe('TOPIC_RETURNS');
    expect(only(parse('messenger-postback'), 'postback')).toMatchObject({ mid: 'm_postback-1', title: 'Track my order', payload: 'TRACK_ORDER' });
    expect(only(parse('messenger-echo'), 'echo')).toMatchObject({ recipientId: '6001234567890123', mid: 'm_echo-1', appId: '263902037430900', metadata: null });
    expect(only(parse('messenger-delivery'), 'delivery').watermark?.getTime()).toBe(1718000000000);
    expect(only(parse('messenger-read'), 'read').watermark?.getTime()).toBe(1718000000000);
    expect(only(parse('instagram-read'), 'read')).toMatchObject({ watermark: null, mid: 'REPLACED_BY_TEST' });
  });

  it('reads Instagram story mentions and story replies', () => {
    expect(only(parse('instagram-story-mention'), 'message').attachments).toEqual([{ type: 'story_mention', url: 'https://cdn.test/stories/story-1.mp4', title: null, stickerId: null, coordinates: null }]);
    expect(only(parse('instagram-story-reply'), 'message').storyReply).toEqual({ id: '18030000000000001', url: 'https://cdn.test/stories/story-2.jpg' });
  });

  it('reads a Facebook comment with its post, and marks comments on an unpublished (ad) post as paid', () => {
    const { comment } = only(parse('messenger-feed-comment'), 'comment');
    expect(comment).toMatchObject({ commentId: '880000000000001_990000000000001', postId: '104857600000001_880000000000001', parentId: null, paid: false, permalink: 'https://www.facebook.com/104857600000001/posts/pfbid02linen', from: { id: '7003456789012345', name: 'Aiko Tanaka' } });
    expect(comment.at.toISOString()).toBe('2024-06-10T06:13:20.000Z');
    expect(only(parse('messenger-feed-ad-comment'), 'comment').comment).toMatchObject({ paid: true, paidBy: 'unpublished_post' });
    const boosted = JSON.parse(loadMetaFixture('messenger-feed-comment', { replace: { '"inactive"': '"active"' } }));
    expect(only(parseMetaWebhook(boosted, 'messenger'), 'comment').comment).toMatchObject({ paid: true, paidBy: 'promotion_status' });
  });

  it('reads an Instagram comment, and one on an ad with the ad it was on', () => {
    expect(only(parse('instagram-comment'), 'comment').comment).toMatchObject({ commentId: '17950000000000001', postId: '17900000000000001', paid: false, from: { id: '1100223344556677', username: 'kenji.makes' }, mediaProductType: 'FEED' });
    expect(only(parse('instagram-ad-comment'), 'comment').comment).toMatchObject({ paid: true, paidBy: 'ad_id', ad: { id: '120200000000000001', title: 'Spring linen sale' } });
  });

  it('ignores what Touchpoint does not use, without refusing the payload', () => {
    const body = {
      object: 'page',
      entry: [{
        id: '1',
        time: 1718000000000,
        messaging: [{ sender: { id: '2' }, recipient: { id: '1' }, timestamp: 1718000000000, reaction: { mid: 'm_1', action: 'react', emoji: '❤️' } }],
        changes: [
          { field: 'feed', value: { item: 'reaction', verb: 'add', post_id: '1_2', reaction_type: 'like' } },
          { field: 'feed', value: { item: 'comment', verb: 'edited', comment_id: '2_3', post_id: '1_2', message: 'edited' } },
          { field: 'ratings', value: { whatever: true } },
        ],
      }],
    };
    expect(parseMetaWebhook(body, 'messenger').map((event) => event.kind)).toEqual(['ignored', 'ignored', 'ignored', 'ignored']);
  });

  it('refuses another channel’s object and malformed parts, naming where', () => {
    expect(() => parse('instagram-text', 'messenger')).toThrow(ZodError);
    try {
      parseMetaWebhook({ object: 'page', entry: [{ id: '1', messaging: [{ sender: {}, recipient: { id: '1' } }] }] }, 'messenger');
      expect.unreachable();
    } catch (error) {
      expect((error as ZodError).issues[0]!.path).toEqual(['entry', 0, 'messaging', 0, 'sender', 'id']);
    }
    try {
      parseMetaWebhook({ object: 'instagram', entry: [{ id: '1', changes: [{ field: 'comments', value: { text: 'no id' } }] }] }, 'instagram');
      expect.unreachable();
    } catch (error) {
      expect((error as ZodError).issues[0]!.path).toEqual(['entry', 0, 'changes', 0, 'value', 'id']);
    }
  });
});
