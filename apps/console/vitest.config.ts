import { defineConfig } from 'vitest/config';

/** Unit tests of the console's pure logic (no DOM needed): `npx vitest run -r apps/console`. */
export default defineConfig({
  test: {
    name: 'console',
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
