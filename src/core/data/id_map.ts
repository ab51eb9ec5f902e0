/**
 * Two-way map between raw ids from the files (non-negative integers, not contiguous) and
 * dense indices 0..size-1 in first-seen order.
 */
export class IdMap {
  private readonly indexByRaw = new Map<number, number>();
  private readonly raw: number[] = [];

  get size(): number {
    return this.raw.length;
  }

  /** Dense index of a raw id, or -1 when the id is not in the map. */
  indexOf(rawId: number): number {
    return this.indexByRaw.get(rawId) ?? -1;
  }

  /** Dense index of a raw id, adding it when it is new. */
  add(rawId: number): number {
    const known = this.indexByRaw.get(rawId);
    if (known !== undefined) return known;
    const index = this.raw.length;
    this.indexByRaw.set(rawId, index);
    this.raw.push(rawId);
    return index;
  }

  rawId(index: number): number {
    const rawId = this.raw[index];
    if (rawId === undefined)
      throw new RangeError(`IdMap: index must be below ${this.size}, got ${index}.`);
    return rawId;
  }

  /** Raw ids in index order. */
  toArray(): Int32Array {
    return Int32Array.from(this.raw);
  }

  static fromRawIds(rawIds: ArrayLike<number>): IdMap {
    const map = new IdMap();
    for (let index = 0; index < rawIds.length; index++) map.add(rawIds[index] as number);
    return map;
  }
}
