/**
 * Discord snowflakes: milliseconds since the Discord epoch in the top 42 bits, then worker,
 * process and a 12-bit increment. Real ids are 17 to 19 digits, and @discordjs/rest derives
 * rate-limit buckets from the major id in a route, so the fake must hand out ids of that shape
 * (a "1" or "42" would still work, and hide bugs that only real-looking ids reveal).
 */
export const DISCORD_EPOCH = 1_420_070_400_000n;

export class SnowflakeGenerator {
  private increment = 0n;
  private lastMs = 0n;

  constructor(
    private readonly worker = 1n,
    private readonly now: () => number = Date.now,
  ) {}

  next(): string {
    // Never go back in time, even if the clock does, so ids stay unique and ordered.
    let ms = BigInt(this.now()) - DISCORD_EPOCH;
    if (ms < this.lastMs) ms = this.lastMs;
    if (ms === this.lastMs) this.increment = (this.increment + 1n) & 0xfffn;
    else this.increment = 0n;
    if (ms === this.lastMs && this.increment === 0n) ms += 1n; // 4096 ids in one ms: borrow the next one
    this.lastMs = ms;
    return ((ms << 22n) | ((this.worker & 0x1fn) << 17n) | (1n << 12n) | this.increment).toString();
  }
}

/** When a snowflake was made (what Discord's `timestamp` fields say for a new object). */
export function snowflakeDate(id: string): Date {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH));
}
