import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestWorkspace, requestAs, signInAs, type SignedIn, type TestApp, type TestWorkspace } from '../testing/test-app.ts';

let t: TestApp;
let ws: TestWorkspace;
let admin: SignedIn;
let agent: SignedIn;
const url = (path = '') => `/api/v1/accounts/${ws.accountId}/help-center${path}`;

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d6d4a10000000049454e44ae426082', 'hex');

async function uploadImage(who: SignedIn, fileName: string, content: Uint8Array, type: string) {
  const form = new FormData();
  form.append('file', new Blob([content], { type }), fileName);
  const request = new Request('http://local/', { method: 'POST', body: form });
  const payload = Buffer.from(await request.arrayBuffer());
  return requestAs(t.app, who, { method: 'POST', url: url('/images'), payload, headers: { 'content-type': request.headers.get('content-type')! } });
}

beforeAll(async () => {
  t = await createTestApp({ env: { ATTACHMENT_MAX_BYTES: '2048' } });
  ws = await createTestWorkspace('Help routes shop');
  admin = await signInAs(t.app, ws.admin.email);
  agent = await signInAs(t.app, ws.agent.email);
});
afterAll(() => t.close());

describe('help-center admin API', () => {
  it('writes an article, translates it, and publishes one language at a time', async () => {
    const category = await requestAs(t.app, admin, { method: 'POST', url: url('/categories'), payload: { names: { en: 'Shipping', ja: '配送' } } });
    expect(category.statusCode).toBe(201);
    expect(category.json()).toMatchObject({ slug: 'shipping', names: { en: 'Shipping', ja: '配送' }, articleCount: 0 });

    const created = await requestAs(t.app, agent, { method: 'POST', url: url('/articles'), payload: { categoryId: category.json().id, translations: { en: { title: 'Track your parcel', body: 'Open the **tracking** link.' } } } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ authorUserId: ws.agent.id, translations: { en: { slug: 'track-your-parcel', status: 'draft' } } });

    const ja = await requestAs(t.app, agent, { method: 'PUT', url: url(`/articles/${id}/translations/ja`), payload: { title: '荷物の追跡', body: '追跡リンクを開いてください。' } });
    expect(ja.json().translations.ja).toMatchObject({ slug: 'track-your-parcel', status: 'draft' });

    // Agents write drafts; publishing is an admin's call.
    expect((await requestAs(t.app, agent, { method: 'POST', url: url(`/articles/${id}/translations/en/publish`) })).statusCode).toBe(403);
    const published = await requestAs(t.app, admin, { method: 'POST', url: url(`/articles/${id}/translations/en/publish`) });
    expect(published.json().translations).toMatchObject({ en: { status: 'published' }, ja: { status: 'draft' } });

    const list = await requestAs(t.app, agent, { method: 'GET', url: url('/articles?locale=ja') });
    expect(list.json()).toEqual([expect.objectContaining({ id, title: '荷物の追跡', coverage: { en: 'published', ja: 'draft', zh: 'missing' } })]);

    const unpublished = await requestAs(t.app, admin, { method: 'POST', url: url(`/articles/${id}/translations/en/unpublish`) });
    expect(unpublished.json().translations.en.status).toBe('draft');
  });

  it('refuses bad input with problem+json naming the field, changing nothing', async () => {
    const bad = await requestAs(t.app, agent, { method: 'POST', url: url('/articles'), payload: { translations: { en: { title: 'x', slug: 'Not A Slug' } } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors[0].path).toContain('slug');
    const wrongLocale = await requestAs(t.app, agent, { method: 'PUT', url: url(`/articles/${crypto.randomUUID()}/translations/fr`), payload: { title: 'Bonjour' } });
    expect(wrongLocale.statusCode).toBe(400);
    expect((await requestAs(t.app, agent, { method: 'GET', url: url('/articles') })).json()).toHaveLength(1);
  });

  it('renders a preview as sanitised HTML', async () => {
    const preview = await requestAs(t.app, agent, { method: 'POST', url: url('/preview'), payload: { body: '## Hi\n\n<script>alert(1)</script>' } });
    expect(preview.json().html).toBe('<h2>Hi</h2>\n<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
  });

  it('shows and changes the public handle, refusing a malformed one and one another account has', async () => {
    const settings = await requestAs(t.app, agent, { method: 'GET', url: url('/settings') });
    expect(settings.json().handle).toMatch(/^[a-z0-9]+$/);
    const handle = `shop-${crypto.randomUUID().slice(0, 8)}`;
    const changed = await requestAs(t.app, admin, { method: 'PATCH', url: url('/settings'), payload: { handle } });
    expect(changed.json()).toMatchObject({ handle, path: `/help/${handle}` });
    expect((await requestAs(t.app, admin, { method: 'PATCH', url: url('/settings'), payload: { handle: 'Has Caps' } })).statusCode).toBe(400);
    expect((await requestAs(t.app, admin, { method: 'PATCH', url: url('/settings'), payload: { handle: '-edge' } })).statusCode).toBe(400);
    const other = await createTestWorkspace('Handle rival');
    const rival = await signInAs(t.app, other.admin.email);
    const taken = await requestAs(t.app, rival, { method: 'PATCH', url: `/api/v1/accounts/${other.accountId}/help-center/settings`, payload: { handle } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().detail).toContain(handle);
    expect((await requestAs(t.app, agent, { method: 'PATCH', url: url('/settings'), payload: { handle: 'agent-tries' } })).statusCode).toBe(403);
  });

  it('takes PNG, JPEG, GIF and WebP images by their bytes, and refuses other files and too large ones', async () => {
    const image = await uploadImage(agent, 'dot.png', PNG, 'image/png');
    expect(image.statusCode).toBe(201);
    expect(image.json()).toMatchObject({ contentType: 'image/png', byteSize: PNG.length, url: expect.stringMatching(/^\/help\/[a-z0-9-]+\/images\/[0-9a-f-]{36}$/) });

    const svg = await uploadImage(agent, 'evil.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/png');
    expect(svg.statusCode).toBe(415);
    expect(svg.json().detail).toBe('Upload a PNG, JPEG, GIF or WebP image.');

    const big = await uploadImage(agent, 'big.png', Buffer.concat([PNG, Buffer.alloc(4096)]), 'image/png');
    expect(big.statusCode).toBe(413);
  });
});

describe('help-center publishing rights', () => {
  it('lets an agent save a draft but not publish it through the translation body', async () => {
    const created = await requestAs(t.app, agent, { method: 'POST', url: url('/articles'), payload: { translations: { en: { title: 'Agent tries to publish', status: 'published' } } } });
    expect(created.statusCode).toBe(403);
    const draft = await requestAs(t.app, agent, { method: 'POST', url: url('/articles'), payload: { translations: { en: { title: 'Agent draft' } } } });
    const put = await requestAs(t.app, agent, { method: 'PUT', url: url(`/articles/${draft.json().id}/translations/en`), payload: { title: 'Agent draft', status: 'published' } });
    expect(put.statusCode).toBe(403);
    expect((await requestAs(t.app, agent, { method: 'GET', url: url(`/articles/${draft.json().id}`) })).json().translations.en.status).toBe('draft');
  });
});
