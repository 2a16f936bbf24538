import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { ACCEPTED_FRESH_MS, lightningTalksFromProposals } from '../../src/proposals/lightning.ts';
import { ProposalRepository } from '../../src/proposals/repository.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';

const EVENT = '2027-01-20-meetup-13';
const at = DateTime.fromISO('2026-12-01T10:00:00+01:00');

/** Two processes on one store: each its own repository; the programme's reader is built on the first. */
async function twoProcesses() {
  const store = memoryStore();
  const [here, there] = [new ProposalRepository(store, silentLogger), new ProposalRepository(store, silentLogger)];
  let clock = 0;
  const lightning = lightningTalksFromProposals(here, { now: () => clock });
  const propose = (repo: ProposalRepository, title: string) =>
    repo.create({
      communityId: 'c',
      eventId: EVENT,
      fields: { title, abstract: `About ${title}`, duration: 5 },
      speaker: { memberId: title, platform: 'console', name: title },
      at,
      maxOpen: 3,
    });
  const titles = async () => (await lightning.accepted('c', EVENT)).map((slot) => slot.title);
  return { here, there, propose, titles, wait: (ms: number) => (clock += ms) };
}

describe('the accepted talks the programme shows', () => {
  it('are read from the store once for a burst of asks, and at once again after this process changes one', async () => {
    const { here, propose, titles } = await twoProcesses();
    const { id } = await propose(here, 'eBPF');
    expect(await titles()).toEqual([]);
    await here.change('c', id, 'accepted', 'org', at);
    expect(await titles()).toEqual(['eBPF']);
    await here.change('c', id, 'withdrawn', 'eBPF', at);
    expect(await titles()).toEqual([]);
  });

  it(`show another process's acceptance within ${ACCEPTED_FRESH_MS} ms`, async () => {
    const { there, propose, titles, wait } = await twoProcesses();
    const { id } = await propose(there, 'SLOs');
    expect(await titles()).toEqual([]);
    await there.change('c', id, 'accepted', 'org', at);
    wait(ACCEPTED_FRESH_MS - 1);
    expect(await titles()).toEqual([]);
    wait(1);
    expect(await titles()).toEqual(['SLOs']);
  });
});
