import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Process-level tests start the bot and real servers: give them room, but never hang forever.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
