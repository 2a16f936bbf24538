import type Keyv from 'keyv';
import type { Store } from '../store/store.ts';
import type { OccurrenceOutcome, ScheduleContent, ScheduleRecord, ScheduleState, ScheduleTiming } from './model.ts';
import { withOutcome } from './outcomes.ts';

const NAMESPACE = 'announcements';
const REV = 'announcements:rev';
const seqKey = (communityId: string) => `announcements:seq:${communityId}`;
/** Change-log entries live long enough for every running process to read them. */
const CHANGE_TTL_MS = 86_400_000;
/** Outcome records only serve processes that lost a claim and check back after its lease. */
const OUTCOME_TTL_MS = 7 * 86_400_000;
const BATCH = 250;
const IN_FLIGHT = 4;

/** Per community: schedule id → watermark. */
type Watermarks = Record<number, number>;

export interface Change {
  communityId: string;
  id: number;
}

/**
 * Schedules in the store, shared by every process on the same backend. Ids come from atomic
 * counters (no read-modify-write index to lose updates); every write is followed by an entry in a
 * change log numbered by another counter, which other processes poll to pick it up.
 */
export class AnnouncementRepository {
  private readonly kv;
  /** Progress has its own namespace (its own SQLite connection): start-up reads both at once. */
  private readonly progress;
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly listeners: Array<(change: Change) => void> = [];

  constructor(private readonly store: Store) {
    this.kv = store.namespace<unknown>(NAMESPACE);
    this.progress = store.namespace<unknown>(`${NAMESPACE}-state`);
  }

  /** Called after every local change (the local scheduler applies it at once). */
  onChange(listener: (change: Change) => void): void {
    this.listeners.push(listener);
  }

  async create(input: Omit<ScheduleRecord, 'id'>): Promise<ScheduleRecord> {
    const id = await this.store.increment(seqKey(input.communityId));
    const record: ScheduleRecord = { ...input, id };
    await this.save(record);
    return record;
  }

  /**
   * Two records per schedule: its timing (what start-up loads for 100,000 schedules) and its
   * content (the message, up to 2,000 characters, read when it is posted or listed).
   */
  async save(record: ScheduleRecord): Promise<void> {
    const { message, createdBy, createdAt, ...timing } = record;
    await this.kv.set(`m:${record.communityId}:${record.id}`, {
      message,
      createdBy,
      createdAt,
    } satisfies ScheduleContent);
    await this.kv.set(`s:${record.communityId}:${record.id}`, timing satisfies ScheduleTiming);
    await this.logChange({ communityId: record.communityId, id: record.id });
  }

  async remove(communityId: string, id: number): Promise<boolean> {
    const deleted = await this.kv.delete(`s:${communityId}:${id}`);
    if (deleted) {
      await this.kv.delete(`m:${communityId}:${id}`);
      await this.logChange({ communityId, id });
    }
    return deleted;
  }

  async get(communityId: string, id: number): Promise<ScheduleRecord | undefined> {
    const [timing, content] = await Promise.all([this.timing(communityId, id), this.content(communityId, id)]);
    return timing && content ? { ...timing, ...content } : undefined;
  }

  async timing(communityId: string, id: number): Promise<ScheduleTiming | undefined> {
    return await this.kv.get(`s:${communityId}:${id}`);
  }

  async content(communityId: string, id: number): Promise<ScheduleContent | undefined> {
    return await this.kv.get(`m:${communityId}:${id}`);
  }

  /** Every schedule of a community, by id, with its content. */
  async list(communityId: string): Promise<ScheduleRecord[]> {
    const timings: ScheduleTiming[] = [];
    await this.forEachSchedule([communityId], (timing) => timings.push(timing));
    const contents = await this.getMany(
      this.kv,
      timings.map((t) => `m:${t.communityId}:${t.id}`),
    );
    return timings.flatMap((timing, i) => {
      const content = contents[i] as ScheduleContent | undefined;
      return content ? [{ ...timing, ...content }] : [];
    });
  }

  /**
   * Every schedule of these communities with its watermark (start-up): counters in one round trip,
   * one watermark record per community, then the records in batches, each batch handed to `each`
   * as it arrives, so that the caller's work overlaps the backend reading the next batches.
   */
  async forEachSchedule(
    communityIds: readonly string[],
    each: (timing: ScheduleTiming, state: ScheduleState | undefined) => void,
  ): Promise<void> {
    const counts = await this.store.counters(communityIds.map(seqKey));
    const ids = communityIds.flatMap((communityId, i) =>
      Array.from({ length: counts[i] ?? 0 }, (_, n) => `s:${communityId}:${n + 1}`),
    );
    const withSchedules = communityIds.filter((_, i) => (counts[i] ?? 0) > 0);
    const marks = await this.getMany(
      this.progress,
      withSchedules.map((c) => `w:${c}`),
    );
    const byCommunity = new Map(withSchedules.map((c, i) => [c, marks[i] as Watermarks | undefined]));
    await this.getMany(
      this.kv,
      ids,
      (batch) => {
        for (const record of batch as Array<ScheduleTiming | undefined>) {
          if (record === undefined) continue;
          const watermark = byCommunity.get(record.communityId)?.[record.id];
          each(record, watermark === undefined ? undefined : { watermark });
        }
      },
      false,
    );
  }

  /** Watermark and last result of each of these schedules. */
  async states(records: ReadonlyArray<{ communityId: string; id: number }>): Promise<Array<ScheduleState | undefined>> {
    const communities = [...new Set(records.map((r) => r.communityId))];
    const [marks, lasts, misses] = await Promise.all([
      this.getMany(
        this.progress,
        communities.map((c) => `w:${c}`),
      ),
      this.getMany(
        this.progress,
        records.map((r) => `last:${r.communityId}:${r.id}`),
      ),
      this.getMany(
        this.progress,
        records.map((r) => `missed:${r.communityId}:${r.id}`),
      ),
    ]);
    const byCommunity = new Map(communities.map((c, i) => [c, marks[i] as Watermarks | undefined]));
    return records.map((r, i) => {
      const watermark = byCommunity.get(r.communityId)?.[r.id];
      const last = lasts[i] as OccurrenceOutcome | undefined;
      const missed = misses[i] as OccurrenceOutcome | undefined;
      if (watermark === undefined && !last) return undefined;
      return { watermark: watermark ?? 0, ...(last ? { last } : {}), ...(missed ? { missed } : {}) };
    });
  }

  /**
   * Watermarks live in one record per community (start-up reads 10,000 records, not 100,000):
   * a read-modify-write, serialised within this process; a concurrent write from another process
   * can only move a watermark back, which makes start-up look at more occurrences, never fewer.
   */
  async saveState(communityId: string, id: number, state: ScheduleState): Promise<void> {
    await Promise.all([
      this.serialised(`w:${communityId}`, async () => {
        const marks = ((await this.progress.get(`w:${communityId}`)) as Watermarks | undefined) ?? {};
        marks[id] = state.watermark;
        await this.progress.set(`w:${communityId}`, marks);
      }),
      state.last
        ? this.serialised(`last:${communityId}:${id}`, () =>
            this.saveOutcomes(communityId, id, state.last as OccurrenceOutcome),
          )
        : undefined,
    ]);
  }

  /**
   * The last run is the latest occurrence, whatever order outcomes are written in (outcomes.ts);
   * a missed record is also kept apart, so that a catch-up's posted run does not hide it. Like
   * watermarks, a read-modify-write serialised within this process only.
   */
  private async saveOutcomes(communityId: string, id: number, outcome: OccurrenceOutcome): Promise<void> {
    const keys = [`last:${communityId}:${id}`, `missed:${communityId}:${id}`] as const;
    const [last, missed] = (await this.progress.getMany([...keys])) as Array<OccurrenceOutcome | undefined>;
    const next = withOutcome({ watermark: 0, ...(last ? { last } : {}), ...(missed ? { missed } : {}) }, outcome);
    if (next.last !== last) await this.progress.set(keys[0], next.last);
    if (next.missed !== missed) await this.progress.set(keys[1], next.missed);
  }

  /** Runs `work` after the previous work on the same key in this process, even if that failed. */
  private serialised(key: string, work: () => Promise<void>): Promise<void> {
    const write = (this.chains.get(key) ?? Promise.resolve()).then(work);
    const settled = write.catch(() => undefined);
    this.chains.set(key, settled);
    void settled.then(() => {
      if (this.chains.get(key) === settled) this.chains.delete(key);
    });
    return write;
  }

  async reminderStates(communityIds: readonly string[]): Promise<Array<ScheduleState | undefined>> {
    return (await this.getMany(
      this.progress,
      communityIds.map((c) => `reminders:${c}`),
    )) as Array<ScheduleState | undefined>;
  }

  async saveReminderState(communityId: string, state: ScheduleState): Promise<void> {
    await this.progress.set(`reminders:${communityId}`, state);
  }

  /** Lifts the pause that a deleted announcements channel put on reminders. */
  async resumeReminders(communityId: string): Promise<void> {
    const [state] = await this.reminderStates([communityId]);
    if (state?.pausedChannel === undefined) return;
    const { pausedChannel: _gone, ...rest } = state;
    await this.saveReminderState(communityId, rest);
    await this.logChange({ communityId, id: 0 });
  }

  async outcome(occurrence: string): Promise<OccurrenceOutcome | undefined> {
    return await this.kv.get(`o:${occurrence}`);
  }

  async saveOutcome(occurrence: string, outcome: OccurrenceOutcome): Promise<void> {
    await this.kv.set(`o:${occurrence}`, outcome, OUTCOME_TTL_MS);
  }

  async revision(): Promise<number> {
    return (await this.store.counters([REV]))[0] ?? 0;
  }

  /** Change-log entries `from..to`; an entry not written yet (or lost) reads undefined. */
  async changes(from: number, to: number): Promise<Array<Change | undefined>> {
    if (to < from) return [];
    const keys = Array.from({ length: to - from + 1 }, (_, i) => `change:${from + i}`);
    return (await this.getMany(this.kv, keys)) as Array<Change | undefined>;
  }

  private async logChange(change: Change): Promise<void> {
    const rev = await this.store.increment(REV);
    await this.kv.set(`change:${rev}`, change, CHANGE_TTL_MS);
    for (const listener of this.listeners) listener(change);
  }

  /** Batched reads, a few batches in flight so that decoding one overlaps the backend reading the next. */
  private async getMany(
    space: Keyv<unknown>,
    keys: string[],
    onBatch?: (values: unknown[]) => void,
    keep = true,
  ): Promise<unknown[]> {
    const batches: string[][] = [];
    for (let i = 0; i < keys.length; i += BATCH) batches.push(keys.slice(i, i + BATCH));
    const results: unknown[][] = new Array(batches.length);
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const index = next++;
        const values = await space.getMany(batches[index] as string[]);
        onBatch?.(values);
        results[index] = keep ? values : [];
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, batches.length) }, worker));
    return results.flat();
  }
}
