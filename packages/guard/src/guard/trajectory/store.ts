export interface StoreLimits {
  readonly maxEntries: number;
  /** An entry not read or written for this long is gone. */
  readonly ttlMs: number;
}

interface Slot<V> {
  readonly value: V;
  readonly expires: number;
}

/**
 * A map bounded in size (least recently used first out) and in age. Map iteration follows insertion
 * order and every use re-inserts, so the oldest entry is always first: both the LRU victim and the
 * next to expire, and sweeping expired entries only ever looks at the front.
 */
export class BoundedStore<V> {
  readonly #slots = new Map<string, Slot<V>>();
  readonly #limits: StoreLimits;
  readonly #now: () => number;
  #evicted = 0;
  #expired = 0;

  constructor(limits: StoreLimits, now: () => number) {
    this.#limits = limits;
    this.#now = now;
  }

  get size(): number {
    return this.#slots.size;
  }

  /** Entries pushed out to make room. */
  get evicted(): number {
    return this.#evicted;
  }

  /** Entries dropped for age. */
  get expired(): number {
    return this.#expired;
  }

  get(key: string): V | undefined {
    const slot = this.#slots.get(key);
    if (slot === undefined) return undefined;
    const now = this.#now();
    this.#slots.delete(key);
    if (slot.expires <= now) {
      this.#expired++;
      return undefined;
    }
    this.#slots.set(key, { value: slot.value, expires: now + this.#limits.ttlMs });
    return slot.value;
  }

  set(key: string, value: V): void {
    const now = this.#now();
    this.#slots.delete(key);
    this.#sweep(now);
    this.#slots.set(key, { value, expires: now + this.#limits.ttlMs });
    for (const oldest of this.#slots.keys()) {
      if (this.#slots.size <= this.#limits.maxEntries) break;
      this.#slots.delete(oldest);
      this.#evicted++;
    }
  }

  delete(key: string): void {
    this.#slots.delete(key);
  }

  #sweep(now: number): void {
    for (const [key, slot] of this.#slots) {
      if (slot.expires > now) return;
      this.#slots.delete(key);
      this.#expired++;
    }
  }
}
