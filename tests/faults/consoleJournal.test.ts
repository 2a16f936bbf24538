import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { AnnouncementRepository } from '../../src/announcements/repository.ts';
import { systemClock } from '../../src/core/clock.ts';
import { say } from '../../src/core/reply.ts';
import { text } from '../../src/core/text.ts';
import { consolePoster } from '../../src/platforms/console/poster.ts';
import { sqliteStore } from '../../src/store/sqliteStore.ts';
import { announcingBot, tempConfig } from '../support/announcingBot.ts';
import { stopAll } from '../support/emceeProcess.ts';
import { community } from '../announcements/support.ts';

const communities = new Map([['paris', community()]]);
const target = { communityId: 'paris', platform: 'console' as const, channel: 'annonces' };
const tempFile = (name: string) => path.join(mkdtempSync(path.join(tmpdir(), 'emcee-journal-')), name);

function printed(journal: string) {
  const output = new PassThrough();
  let out = '';
  output.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return { poster: consolePoster(output, communities, systemClock, { journal }), text: () => out };
}

describe('console poster journal', () => {
  it('does not write again a post whose key a previous process wrote', async () => {
    const journal = tempFile('posts.journal');
    const first = printed(journal);
    await first.poster.post(target, say(text('Doors open'), 'channel'), { idempotencyKey: 'paris:1:at' });
    // The process is killed before its claim is settled; the next one takes the claim over.
    const second = printed(journal);
    await second.poster.post(target, say(text('Doors open'), 'channel'), {
      idempotencyKey: 'paris:1:at',
      maybePosted: true,
    });
    await second.poster.post(target, say(text('Talks start'), 'channel'), { idempotencyKey: 'paris:2:at' });
    expect(first.text()).toBe('[#annonces] Doors open\n');
    expect(second.text()).toBe('[#annonces] Talks start\n');
  });

  it('ignores a key torn by a crash, and writes the next one on a line of its own', async () => {
    const journal = tempFile('posts.journal');
    writeFileSync(journal, '"paris:1:at"\n"paris:2:a');
    const poster = printed(journal);
    await poster.poster.post(target, say(text('Two'), 'channel'), { idempotencyKey: 'paris:2:at' });
    await poster.poster.post(target, say(text('One'), 'channel'), { idempotencyKey: 'paris:1:at' });
    expect(poster.text()).toBe('[#annonces] Two\n');
    expect(readFileSync(journal, 'utf8')).toBe('"paris:1:at"\n"paris:2:a\n"paris:2:at"\n');
  });

  it('without a journal, writes what it is given', async () => {
    const output = new PassThrough();
    let out = '';
    output.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const poster = consolePoster(output, communities, systemClock);
    await poster.post(target, say(text('Once'), 'channel'), { idempotencyKey: 'k' });
    await poster.post(target, say(text('Once'), 'channel'), { idempotencyKey: 'k' });
    expect(out).toBe('[#annonces] Once\n[#annonces] Once\n');
  });
});

describe('emcee start with EMCEE_CONSOLE_JOURNAL', () => {
  afterEach(stopAll);

  it(
    'a post written by a process killed before settling its claim is not repeated by the next one, and is recorded',
    { timeout: 60_000 },
    async () => {
      const config = tempConfig();
      const storeFile = tempFile('store.sqlite');
      const journal = path.join(path.dirname(storeFile), 'console-posts.journal');
      const env = {
        STORE_URL: `sqlite://${storeFile}`,
        EMCEE_SCHEDULER_POLL_MS: '200',
        EMCEE_CONSOLE_JOURNAL: journal,
      };
      // What a process killed between its post and its settle leaves: the key in the journal, and
      // an unsettled claim whose lease runs out. The occurrence fell due just before the restart.
      const at = Date.now() - 2_000;
      const key = `test:1:${new Date(at).toISOString()}`;
      writeFileSync(journal, `${JSON.stringify(key)}\n`);
      let store = await sqliteStore(storeFile);
      const create = (message: string, when: number) =>
        new AnnouncementRepository(store).create({
          communityId: 'test',
          channel: 'annonces',
          message,
          at: when,
          createdBy: 'test',
          createdAt: at - 60_000,
          from: at - 60_000,
        });
      await create('during', at);
      await create('later', Date.now() + 3_000);
      expect(await store.claim(key, 'killed-process', 500)).toBe(true);
      await store.close();
      const bot = announcingBot(config, env);
      await bot.waitFor(() => bot.posts().includes('later'), 'the later post', 30_000);
      // The occurrence taken over is settled and recorded as posted, without a second message.
      store = await sqliteStore(storeFile);
      try {
        const repository = new AnnouncementRepository(store);
        let outcome = await repository.outcome(key);
        for (let i = 0; i < 100 && !outcome; i++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          outcome = await repository.outcome(key);
        }
        expect(outcome?.result).toBe('posted');
        expect(bot.posts()).toEqual(['later']);
      } finally {
        await store.close();
      }
    },
  );
});
