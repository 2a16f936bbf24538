import type Keyv from 'keyv';
import type { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Logger } from '../core/logger.ts';
import type { Store } from '../store/store.ts';
import { DEFAULT_LOCK, withLock, type LockOptions } from './lock.ts';
import {
  decode,
  hasComment,
  logEntrySchema,
  noteEntrySchema,
  RATINGS,
  RECORD_VERSION,
  responseSchema,
  type Answer,
  type StoredResponse,
} from './model.ts';

export interface EventRef {
  communityId: string;
  eventId: string;
}

/** Ratings of one question: `counts[r - 1]` answers gave `r`. */
export interface Histogram {
  counts: number[];
  count: number;
  sum: number;
}

export interface Totals {
  overall: Histogram;
  /** `talks[n - 1]` is talk n. */
  talks: Histogram[];
  /** Current answers carrying a comment. */
  commented: number;
}

export interface Comment {
  worked?: string;
  improve?: string;
}

export interface SaveResult {
  /** The member's answer this one replaced. */
  previous?: StoredResponse;
  saved: StoredResponse;
}

export interface ImportRow {
  /** Member key (MemberKeys.of), never a member id. */
  member: string;
  answer: Answer;
  at: DateTime;
}

const NAMESPACE = 'feedback';
/** Keys read per round trip when walking a log. */
const BATCH = 500;
/** A value keyv could not even deserialize. */
const DAMAGED = Symbol('damaged');

/**
 * Feedback on keyv (namespace `feedback`). Keys, for community `c` and event `e`:
 *   r:c:e:MEMBER     the member's current answer (`v: 1`), MEMBER being the HMAC key, never an id
 *   log:c:e:N        the N-th submission: whose answer (export walks it to find every answer)
 *   note:c:e:N       the N-th submission that carried a comment, with its seq (latest comments)
 * Store counters (atomic `increment`), which the summary reads in one round trip instead of
 * scanning answers:
 *   feedback:c:e:seq / :notes      how many log / note entries were handed out
 *   feedback:c:e:r1 … r5           overall histogram (count and sum are derived from it)
 *   feedback:c:e:tN:r1 … r5        histogram of talk N
 *   feedback:c:e:commented         current answers with a comment
 *
 * Concurrency (several processes on one Redis or one SQLite file):
 * - Index appends need no lock: a log position is handed out by `store.increment`, which is
 *   atomic on every backend, so two writers never write the same `log:` key and no append is lost.
 *   (A single index value would be a read-modify-write needing a lock every writer contends on.)
 * - Replacing an answer is read old → write new → move the counters by (new − old). Two
 *   submissions by the same member at once could both read the same old answer and count it
 *   twice, so that sequence runs under a short per-member lease taken with `store.claim`
 *   (lock.ts); members never wait on each other.
 * - Histograms rather than separate count and sum counters: one increment per rating keeps count,
 *   sum and buckets consistent with each other even when read in the middle of a write.
 *
 * Write order: log entries first, then the answer and its counter moves in one `store.commit`
 * (one transaction), all awaited before the member is told it is saved. A crash in between
 * leaves at most a log entry pointing to an older answer (readers check `seq`, so it is
 * ignored): the counters never miss or double-count an answer that is stored.
 */
export class FeedbackRepository {
  readonly records: Keyv<unknown>;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly lock: LockOptions = DEFAULT_LOCK,
  ) {
    this.records = store.namespace<unknown>(NAMESPACE);
    // keyv swallows backend errors by default (a failed read looks like a missing key, which would
    // count a replaced answer twice): this feature's namespace makes them errors.
    this.records.throwOnErrors = true;
  }

  /** Saves `answer` as the member's answer to the event, replacing any previous one. */
  async save(event: EventRef, member: string, answer: Answer, at: DateTime): Promise<SaveResult> {
    return withLock(
      this.store,
      this.counterKey(event, `lock:${member}`),
      async () => {
        const previous = await this.get(event, member);
        const seq = await this.store.increment(this.counterKey(event, 'seq'));
        const saved = toRecord(answer, seq, at);
        const entries: Array<{ key: string; value: unknown }> = [
          { key: this.logKey(event, seq), value: { v: RECORD_VERSION, m: member } },
        ];
        if (hasComment(answer)) {
          const note = await this.store.increment(this.counterKey(event, 'notes'));
          entries.push({ key: this.noteKey(event, note), value: { v: RECORD_VERSION, m: member, s: seq } });
        }
        await this.write(entries);
        await this.commit(event, [{ key: this.responseKey(event, member), value: saved }], difference(previous, saved));
        return { previous, saved };
      },
      this.lock,
    );
  }

  /** The member's current answer; an unreadable one is logged and reads as none. */
  async get(event: EventRef, member: string): Promise<StoredResponse | undefined> {
    const [found] = await this.readMany([this.responseKey(event, member)], responseSchema);
    return found ?? undefined;
  }

  /** Running totals, one round trip whatever the number of answers. */
  async totals(event: EventRef, talkCount: number): Promise<Totals> {
    const names = [
      ...RATINGS.map((r) => `r${r}`),
      'commented',
      ...Array.from({ length: talkCount }, (_, i) => RATINGS.map((r) => `t${i + 1}:r${r}`)).flat(),
    ];
    const values = (await this.store.counters(names.map((name) => this.counterKey(event, name)))).map((value) =>
      Math.max(0, value),
    );
    const histogram = (offset: number): Histogram => {
      const counts = values.slice(offset, offset + RATINGS.length);
      return { counts, count: sum(counts), sum: sum(counts.map((count, i) => count * (i + 1))) };
    };
    return {
      overall: histogram(0),
      commented: values[RATINGS.length] ?? 0,
      talks: Array.from({ length: talkCount }, (_, i) => histogram(RATINGS.length + 1 + i * RATINGS.length)),
    };
  }

  /**
   * The `limit` latest comments still current (a member's later answer replaces theirs), newest
   * first, walking the note log backwards: a few reads, not a scan of every answer. `scanMax`
   * bounds the walk when many recent notes were replaced.
   */
  async latestComments(event: EventRef, limit: number, scanMax = 5_000): Promise<Comment[]> {
    let next = (await this.store.counters([this.counterKey(event, 'notes')]))[0] ?? 0;
    const stop = Math.max(0, next - scanMax);
    const answers = new Map<string, StoredResponse | null>();
    const comments: Comment[] = [];
    while (next > stop && comments.length < limit) {
      const size = Math.min(Math.max(limit * 2, 20), next - stop);
      const numbers = Array.from({ length: size }, (_, i) => next - i);
      next -= size;
      const notes = (
        await this.readMany(
          numbers.map((n) => this.noteKey(event, n)),
          noteEntrySchema,
        )
      ).filter((note) => note != null);
      const unknown = [...new Set(notes.map((note) => note.m).filter((member) => !answers.has(member)))];
      const found = await this.readMany(
        unknown.map((member) => this.responseKey(event, member)),
        responseSchema,
      );
      unknown.forEach((member, i) => answers.set(member, found[i] ?? null));
      for (const note of notes) {
        const answer = answers.get(note.m);
        if (answer && answer.seq === note.s && hasComment(answer) && comments.length < limit) {
          comments.push({ worked: answer.worked, improve: answer.improve });
        }
      }
    }
    return comments;
  }

  /** Every current answer, in submission order, for the export. Unreadable ones are logged and counted. */
  async all(event: EventRef): Promise<{ responses: StoredResponse[]; unreadable: number }> {
    const total = (await this.store.counters([this.counterKey(event, 'seq')]))[0] ?? 0;
    const members = new Set<string>();
    for (let from = 1; from <= total; from += BATCH) {
      const numbers = Array.from({ length: Math.min(BATCH, total - from + 1) }, (_, i) => from + i);
      for (const entry of await this.readMany(
        numbers.map((n) => this.logKey(event, n)),
        logEntrySchema,
      ))
        if (entry) members.add(entry.m);
    }
    const responses: StoredResponse[] = [];
    let unreadable = 0;
    const list = [...members];
    for (let from = 0; from < list.length; from += BATCH) {
      const found = await this.readMany(
        list.slice(from, from + BATCH).map((member) => this.responseKey(event, member)),
        responseSchema,
      );
      for (const answer of found) {
        if (answer) responses.push(answer);
        else if (answer === null) unreadable++;
      }
    }
    return { responses: responses.sort((a, b) => a.seq - b.seq), unreadable };
  }

  /**
   * Loads many answers at once (an import from another survey tool, the bench): the same records,
   * log entries and counters as `save`, written in bulk — log positions handed out as one block
   * by a single `increment`, records with keyv `setMany`, counters moved once per key.
   * It takes no per-member lock: run it when members are not answering the same event.
   */
  async importResponses(event: EventRef, rows: readonly ImportRow[]): Promise<void> {
    const latest = [...new Map(rows.map((row) => [row.member, row])).values()];
    if (latest.length === 0) return;
    const previous = await this.readMany(
      latest.map((row) => this.responseKey(event, row.member)),
      responseSchema,
    );
    const lastSeq = await this.store.increment(this.counterKey(event, 'seq'), latest.length);
    const commented = latest.filter((row) => hasComment(row.answer)).length;
    let note = commented > 0 ? (await this.store.increment(this.counterKey(event, 'notes'), commented)) - commented : 0;
    const logs: Array<{ key: string; value: unknown }> = [];
    const answers: Array<{ key: string; value: unknown }> = [];
    const deltas = new Map<string, number>();
    latest.forEach((row, i) => {
      const seq = lastSeq - latest.length + 1 + i;
      const saved = toRecord(row.answer, seq, row.at);
      logs.push({ key: this.logKey(event, seq), value: { v: RECORD_VERSION, m: row.member } });
      if (hasComment(row.answer))
        logs.push({ key: this.noteKey(event, ++note), value: { v: RECORD_VERSION, m: row.member, s: seq } });
      answers.push({ key: this.responseKey(event, row.member), value: saved });
      for (const [name, delta] of difference(previous[i] ?? undefined, saved))
        deltas.set(name, (deltas.get(name) ?? 0) + delta);
    });
    await this.write(logs);
    await this.commit(event, answers, deltas);
  }

  /** Answers and the counter moves they make, in one transaction: the totals cannot drift from them. */
  private async commit(
    event: EventRef,
    answers: Array<{ key: string; value: unknown }>,
    deltas: ReadonlyMap<string, number>,
  ): Promise<void> {
    await this.store.commit({
      set: answers.map(({ key, value }) => ({ namespace: NAMESPACE, key, value })),
      increment: [...deltas]
        .filter(([, delta]) => delta !== 0)
        .map(([name, delta]) => ({ key: this.counterKey(event, name), delta })),
    });
  }

  private async write(entries: Array<{ key: string; value: unknown }>): Promise<void> {
    const results: unknown =
      entries.length === 1
        ? [await this.records.set(entries[0]!.key, entries[0]!.value)]
        : await this.records.setMany(entries);
    if (Array.isArray(results) && results.some((result) => result === false)) {
      throw new Error(`the store refused a feedback write (${entries.length} key(s), first ${entries[0]?.key})`);
    }
  }

  /**
   * Reads and checks records. Missing: undefined. Unreadable (damaged, unknown version): null,
   * after logging the key and what is wrong, so one bad record never fails a whole summary.
   */
  private async readMany<T>(keys: string[], schema: z.ZodType<T>): Promise<Array<T | null | undefined>> {
    const raws = await this.fetchMany(keys);
    return raws.map((raw, i) => {
      if (raw === undefined || raw === null) return undefined;
      const decoded =
        raw === DAMAGED ? { ok: false as const, problem: 'the stored value is not valid JSON' } : decode(schema, raw);
      if (decoded.ok) return decoded.value;
      this.logger.error(
        { namespace: 'feedback', key: keys[i], problem: decoded.problem },
        'feedback: unreadable record skipped',
      );
      return null;
    });
  }

  private async fetchMany(keys: string[]): Promise<unknown[]> {
    if (keys.length === 0) return [];
    try {
      return keys.length === 1 ? [await this.records.get(keys[0]!)] : await this.records.getMany(keys);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      // keyv fails a whole batch on one value it cannot parse: read one by one to isolate it.
      return Promise.all(
        keys.map((key) =>
          this.records.get(key).catch((single: unknown) => {
            if (single instanceof SyntaxError) return DAMAGED;
            throw single;
          }),
        ),
      );
    }
  }

  private base(event: EventRef): string {
    return `${encodeURIComponent(event.communityId)}:${encodeURIComponent(event.eventId)}`;
  }

  private responseKey(event: EventRef, member: string): string {
    return `r:${this.base(event)}:${member}`;
  }

  private logKey(event: EventRef, n: number): string {
    return `log:${this.base(event)}:${n}`;
  }

  private noteKey(event: EventRef, n: number): string {
    return `note:${this.base(event)}:${n}`;
  }

  /** Store-wide names (counters and claims are not namespaced). */
  private counterKey(event: EventRef, name: string): string {
    return `feedback:${this.base(event)}:${name}`;
  }
}

function toRecord(answer: Answer, seq: number, at: DateTime): StoredResponse {
  const talks = Object.fromEntries(Object.entries(answer.talks).map(([talk, rating]) => [String(talk), rating]));
  return {
    v: RECORD_VERSION,
    seq,
    at: at.toUTC().toISO() ?? new Date(at.toMillis()).toISOString(),
    rating: answer.rating,
    ...(answer.worked ? { worked: answer.worked } : {}),
    ...(answer.improve ? { improve: answer.improve } : {}),
    talks,
  };
}

/** The counters an answer adds one to. */
function countedIn(answer: StoredResponse): string[] {
  return [
    `r${answer.rating}`,
    ...(hasComment(answer) ? ['commented'] : []),
    ...Object.entries(answer.talks).map(([talk, rating]) => `t${talk}:r${rating}`),
  ];
}

/** How each counter moves when `previous` is replaced by `next`. */
function difference(previous: StoredResponse | undefined, next: StoredResponse): Map<string, number> {
  const deltas = new Map<string, number>();
  for (const name of previous ? countedIn(previous) : []) deltas.set(name, (deltas.get(name) ?? 0) - 1);
  for (const name of countedIn(next)) deltas.set(name, (deltas.get(name) ?? 0) + 1);
  return deltas;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
