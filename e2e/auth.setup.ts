import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, test as setup } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USERS, readAuthFile, type DemoUserKey } from './support/demo.ts';

// Each demo login signs in once per run; the tests reuse the cookie, which keeps them clear of the
// server's sign-in rate limit.
for (const key of Object.keys(DEMO_USERS) as DemoUserKey[]) {
  setup(`signs in ${key}`, async ({ request }) => {
    const response = await request.post('/api/v1/auth/sign-in', { data: { email: DEMO_USERS[key].email, password: DEMO_PASSWORD } });
    expect(response.status()).toBe(200);
    mkdirSync(dirname(readAuthFile(key)), { recursive: true });
    await request.storageState({ path: readAuthFile(key) });
  });
}
