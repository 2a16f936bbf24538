import type Keyv from 'keyv';
import type { DateTime } from 'luxon';
import type { Logger } from '../core/logger.ts';
import type { Store } from '../store/store.ts';
import { StoreUnavailableError } from '../store/storeErrors.ts';
import { ProposalError } from './errors.ts';
import { DEFAULT_LOCK, withLock, withLocks, type LockOptions } from './lock.ts';
import {
  decode,
  eventIndexSchema,
  indexSchema,
  decodeProposal,
  PROPOSAL_VERSION,
  RECORD_VERSION,
  type EventEntry,
  type EventIndexRecord,
  type IndexRecord,
  type Proposal,
  type ProposalFields,
  type ProposalState,
  type Speaker,
} from './model.ts';
import { canMove, inGroup, transition } from './states.ts';

/** Proposals read for a list: the readable ones, and the ids of records that could not be read (logged). */
export interface ReadResult {
  proposals: Proposal[];
  unreadable: number[];
}

export interface NewProposal {
  communityId: string;
  eventId: string;
  fields: ProposalFields;
  speaker: Pick<Speaker, 'memberId' | 'name' | 'locale' | 'platform'>;
  at: DateTime;
  /** Most proposals the speaker may have waiting for a decision. */
  maxOpen: number;
}

export interface ChangeOptions {
  reason?: string;
  /** Lightning slots of the event: accepting beyond it is refused. */
  capacity?: number;
  /** Minutes of the event's lightning block: accepting a talk that does not fit is refused. */
  minutes?: number;
  /** When set, only this member's own proposal may be changed (a speaker withdrawing). */
  asSpeaker?: string;
}

/**
 * Lightning-talk proposals on keyv (namespace `proposals`). Keys, per community `c`:
 *   p:c:ID            the proposal record (`v: 1`)
 *   event:c:EVENT     ids proposed for an event, in submission order, with their states
 *   member:c:MEMBER   ids proposed by a member
 *   accepted:c:EVENT  ids accepted for an event, in acceptance order
 * plus the store counter `proposals:id:c`, which hands out the short ids people type.
 *
 * Adapters cannot list keys, hence the explicit index keys. Each index is a read-modify-write of
 * one value, so every change of an index happens under a lease (see lock.ts): the event's lease
 * for the event and accepted indexes and for any change of a proposal of that event; the member's
 * lease for the member index and the "at most N open" rule. Locks are always taken member first,
 * then event, so two writers never wait on each other in a circle.
 *
 * Write order keeps a crash harmless: a record is written before an index points to it, and the
 * accepted index is trusted only together with the record's state (readers filter on it).
 */
export class ProposalRepository {
  private readonly kv: Keyv<unknown>;
  private changes = 0;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly lockOptions: LockOptions = DEFAULT_LOCK,
  ) {
    this.kv = store.namespace<unknown>('proposals');
  }

  /**
   * How many edits and state changes this repository has finished (or given up): it moves after
   * each, so a reader that keeps what it read (the programme's accepted talks, lightning.ts) knows
   * when this process made it stale.
   */
  get changeCount(): number {
    return this.changes;
  }

  /** One proposal; undefined when there is no such id; ProposalError `unreadable` when corrupt. */
  async get(communityId: string, id: number): Promise<Proposal | undefined> {
    const raw = await this.readRaw(keys.proposal(communityId, id));
    if (raw === undefined) return undefined;
    const decoded = raw instanceof Unreadable ? { ok: false as const, problem: raw.problem } : decodeProposal(raw);
    if (decoded.ok) return decoded.value;
    this.logUnreadable(communityId, id, decoded.problem);
    throw new ProposalError({ kind: 'unreadable', id });
  }

  /** Every proposal for an event, in submission order. */
  async forEvent(communityId: string, eventId: string): Promise<ReadResult> {
    return this.read(
      communityId,
      (await this.eventEntries(communityId, eventId)).map((entry) => entry.id),
    );
  }

  /** An event's proposal ids and states, from its index alone (one read, whatever their number). */
  async eventEntries(communityId: string, eventId: string): Promise<EventEntry[]> {
    return (await this.readEventIndex(keys.event(communityId, eventId))).entries;
  }

  /** Every proposal of a member in this community, in submission order. */
  async forMember(communityId: string, memberId: string): Promise<ReadResult> {
    return this.readMany(communityId, await this.readIndex(keys.member(communityId, memberId)));
  }

  /** Accepted proposals for an event, in order of acceptance. */
  async accepted(communityId: string, eventId: string): Promise<ReadResult> {
    const read = await this.readMany(communityId, await this.readIndex(keys.accepted(communityId, eventId)));
    return { ...read, proposals: read.proposals.filter((p) => p.eventId === eventId && inGroup(p.state, 'holdsSlot')) };
  }

  /** Records a new proposal and indexes it; refuses when the speaker already has `maxOpen` waiting. */
  async create(input: NewProposal): Promise<Proposal> {
    const { communityId, eventId, speaker } = input;
    // Both locks before anything is written: a change refused as busy leaves no record behind.
    const lockKeys = [locks.member(communityId, speaker.memberId), locks.event(communityId, eventId)];
    return withLocks(
      this.store,
      lockKeys,
      async () => {
        const mine = await this.forMember(communityId, speaker.memberId);
        const open = mine.proposals.filter((p) => inGroup(p.state, 'open'));
        if (open.length >= input.maxOpen) throw new ProposalError({ kind: 'too-many-open', max: input.maxOpen, open });
        // Fail before writing anything if the event index is unreadable, not after.
        await this.readEventIndex(keys.event(communityId, eventId));
        const id = await this.store.increment(counters.id(communityId));
        const at = input.at.toUTC().toISO() as string;
        const proposal: Proposal = {
          v: PROPOSAL_VERSION,
          id,
          communityId,
          eventId,
          title: input.fields.title,
          abstract: input.fields.abstract,
          duration: input.fields.duration,
          speaker: withProfile(
            {
              memberId: speaker.memberId,
              platform: speaker.platform,
              name: speaker.name,
              ...(speaker.locale ? { locale: speaker.locale } : {}),
            },
            input.fields,
          ),
          state: 'submitted',
          submittedAt: at,
          updatedAt: at,
          history: [{ action: 'submitted', by: speaker.memberId, at }],
        };
        await this.kv.set(keys.proposal(communityId, id), proposal);
        await this.setEntry(keys.event(communityId, eventId), id, 'submitted');
        await this.append(keys.member(communityId, speaker.memberId), id);
        return proposal;
      },
      this.lockOptions,
    );
  }

  /** A speaker rewrites their proposal while it waits for a decision. */
  async edit(communityId: string, id: number, by: string, at: DateTime, fields: ProposalFields): Promise<Proposal> {
    return this.counted(
      this.underEventLock(communityId, id, async (current) => {
        if (current.speaker.memberId !== by) throw new ProposalError({ kind: 'not-yours', id });
        if (!inGroup(current.state, 'open')) throw new ProposalError({ kind: 'not-editable', proposal: current });
        const when = at.toUTC().toISO() as string;
        const next: Proposal = {
          ...current,
          title: fields.title,
          abstract: fields.abstract,
          duration: fields.duration,
          speaker: withProfile(
            {
              memberId: current.speaker.memberId,
              platform: current.speaker.platform,
              name: current.speaker.name,
              ...(current.speaker.locale ? { locale: current.speaker.locale } : {}),
            },
            fields,
          ),
          updatedAt: when,
          history: [...current.history, { action: 'edited', by, at: when }],
        };
        await this.kv.set(keys.proposal(communityId, id), next);
        return next;
      }),
    );
  }

  /**
   * Moves a proposal to another state through `transition` (the one writer of states), keeping
   * the accepted index in step. Returns the record before and after.
   */
  async change(
    communityId: string,
    id: number,
    to: ProposalState,
    by: string,
    at: DateTime,
    options: ChangeOptions = {},
  ): Promise<{ before: Proposal; after: Proposal }> {
    return this.counted(
      this.underEventLock(communityId, id, async (before) => {
        if (options.asSpeaker !== undefined && before.speaker.memberId !== options.asSpeaker)
          throw new ProposalError({ kind: 'not-yours', id });
        if (!canMove(before.state, to)) throw new ProposalError({ kind: 'bad-transition', proposal: before, to });
        const acceptedKey = keys.accepted(communityId, before.eventId);
        await this.readEventIndex(keys.event(communityId, before.eventId)); // unreadable: fail before writing
        if (to === 'accepted') await this.checkRoom(before, options);
        const after = transition(before, to, by, at, options.reason);
        // Index before record on acceptance, record before index on withdrawal: an index entry whose
        // record is not `accepted` is ignored by readers, so a crash in between shows nothing wrong.
        if (to === 'accepted') await this.append(acceptedKey, id);
        await this.kv.set(keys.proposal(communityId, id), after);
        await this.setEntry(keys.event(communityId, before.eventId), id, to);
        if (inGroup(before.state, 'holdsSlot') && !inGroup(to, 'holdsSlot')) await this.remove(acceptedKey, id);
        return { before, after };
      }),
    );
  }

  /** Counted once the write is over, whatever its end: a reader in between keeps nothing past it. */
  private async counted<T>(write: Promise<T>): Promise<T> {
    try {
      return await write;
    } finally {
      this.changes++;
    }
  }

  /** Both limits of an event's lightning talks, checked under its lease: slots, then minutes. */
  private async checkRoom(proposal: Proposal, { capacity, minutes }: ChangeOptions): Promise<void> {
    if (capacity === undefined && minutes === undefined) return;
    const { id, eventId } = proposal;
    const accepted = (await this.accepted(proposal.communityId, eventId)).proposals;
    if (capacity !== undefined && accepted.length >= capacity)
      throw new ProposalError({ kind: 'full', id, eventId, capacity, accepted });
    const used = accepted.reduce((sum, talk) => sum + talk.duration, 0);
    if (minutes !== undefined && used + proposal.duration > minutes)
      throw new ProposalError({ kind: 'no-time', proposal, block: minutes, accepted });
  }

  private async underEventLock<T>(
    communityId: string,
    id: number,
    work: (current: Proposal) => Promise<T>,
  ): Promise<T> {
    const first = await this.get(communityId, id);
    if (!first) throw new ProposalError({ kind: 'not-found', id });
    return withLock(
      this.store,
      locks.event(communityId, first.eventId),
      async () => {
        // Read again under the lease: another process may have changed it since.
        const current = await this.get(communityId, id);
        if (!current) throw new ProposalError({ kind: 'not-found', id });
        return work(current);
      },
      this.lockOptions,
    );
  }

  private async readIndex(key: string): Promise<number[]> {
    const raw = await this.readRaw(key);
    if (raw === undefined) return [];
    const decoded = raw instanceof Unreadable ? { ok: false as const, problem: raw.problem } : decode(indexSchema, raw);
    if (decoded.ok) return decoded.value.ids;
    // An index that cannot be read is not overwritten: that would lose every id it held.
    this.logger.error({ key: `proposals:${key}`, problem: decoded.problem }, 'proposal index could not be read');
    throw new ProposalError({ kind: 'index-unreadable', key });
  }

  private async readEventIndex(key: string): Promise<EventIndexRecord> {
    const raw = await this.readRaw(key);
    if (raw === undefined) return { v: RECORD_VERSION, entries: [] };
    const decoded =
      raw instanceof Unreadable ? { ok: false as const, problem: raw.problem } : decode(eventIndexSchema, raw);
    if (decoded.ok) return decoded.value;
    this.logger.error({ key: `proposals:${key}`, problem: decoded.problem }, 'proposal index could not be read');
    throw new ProposalError({ kind: 'index-unreadable', key });
  }

  /** Adds or updates one entry of an event index. Call only while holding the event's lease. */
  private async setEntry(key: string, id: number, state: ProposalState): Promise<void> {
    const index = await this.readEventIndex(key);
    const known = index.entries.some((entry) => entry.id === id);
    const entries = known
      ? index.entries.map((entry) => (entry.id === id ? { id, state } : entry))
      : [...index.entries, { id, state }];
    await this.kv.set(key, { v: RECORD_VERSION, entries } satisfies EventIndexRecord);
  }

  /** Call only while holding the lease that guards `key`. */
  private async append(key: string, id: number): Promise<void> {
    const ids = await this.readIndex(key);
    if (ids.includes(id)) return;
    await this.kv.set(key, { v: RECORD_VERSION, ids: [...ids, id] } satisfies IndexRecord);
  }

  /** Call only while holding the lease that guards `key`. */
  private async remove(key: string, id: number): Promise<void> {
    const ids = await this.readIndex(key);
    if (!ids.includes(id)) return;
    await this.kv.set(key, { v: RECORD_VERSION, ids: ids.filter((other) => other !== id) } satisfies IndexRecord);
  }

  /** Reads the given proposals in one round trip where the backend allows it. */
  async read(communityId: string, ids: readonly number[]): Promise<ReadResult> {
    return this.readMany(communityId, ids);
  }

  private async readMany(communityId: string, ids: readonly number[]): Promise<ReadResult> {
    if (ids.length === 0) return { proposals: [], unreadable: [] };
    const names = ids.map((id) => keys.proposal(communityId, id));
    let raws: unknown[];
    try {
      raws = await this.kv.getMany(names);
    } catch {
      // One value the backend cannot even deserialise fails the whole batch: read one by one.
      raws = await Promise.all(names.map((name) => this.readRaw(name)));
    }
    // Some adapters answer a batch with `undefined` for a value they could not decode: ask again
    // one by one, to tell a missing record from a corrupt one in the log.
    raws = await Promise.all(
      raws.map((raw, index) => (raw === undefined ? this.readRaw(names[index] as string) : Promise.resolve(raw))),
    );
    const result: ReadResult = { proposals: [], unreadable: [] };
    ids.forEach((id, index) => {
      const raw = raws[index];
      const decoded =
        raw === undefined
          ? { ok: false as const, problem: 'an index names it but the record is missing' }
          : raw instanceof Unreadable
            ? { ok: false as const, problem: raw.problem }
            : decodeProposal(raw);
      if (decoded.ok) result.proposals.push(decoded.value);
      else {
        this.logUnreadable(communityId, id, decoded.problem);
        result.unreadable.push(id);
      }
    });
    return result;
  }

  private async readRaw(key: string): Promise<unknown> {
    try {
      return await this.kv.get(key);
    } catch (error) {
      // A store that cannot be reached says nothing about the record: the caller asks to try again.
      if (error instanceof StoreUnavailableError) throw error;
      return new Unreadable(`the backend could not decode it (${(error as Error).message})`);
    }
  }

  private logUnreadable(communityId: string, id: number, problem: string): void {
    this.logger.error(
      { community: communityId, proposal: id, key: `proposals:${keys.proposal(communityId, id)}`, problem },
      'proposal record could not be read',
    );
  }
}

class Unreadable {
  constructor(readonly problem: string) {}
}

const keys = {
  proposal: (c: string, id: number) => `p:${c}:${id}`,
  event: (c: string, eventId: string) => `event:${c}:${eventId}`,
  member: (c: string, memberId: string) => `member:${c}:${memberId}`,
  accepted: (c: string, eventId: string) => `accepted:${c}:${eventId}`,
};

export const locks = {
  event: (c: string, eventId: string) => `proposals:lock:event:${c}:${eventId}`,
  member: (c: string, memberId: string) => `proposals:lock:member:${c}:${memberId}`,
};

const counters = {
  id: (c: string) => `proposals:id:${c}`,
};

function withProfile(speaker: Speaker, fields: Pick<ProposalFields, 'bio' | 'handle'>): Speaker {
  return {
    ...speaker,
    ...(fields.bio ? { bio: fields.bio } : {}),
    ...(fields.handle ? { handle: fields.handle } : {}),
  };
}
