import { decodeRunRecord, type RunRecord } from './run_record';

/**
 * Storage for run records. Small on purpose: IndexedDB in the page, memory in tests and when
 * the browser offers no IndexedDB. `getAll` returns raw stored values; the store decodes them.
 */
export interface RunStorage {
  getAll(): Promise<unknown[]>;
  put(record: RunRecord): Promise<void>;
  delete(id: string): Promise<void>;
  clear(): Promise<void>;
}

/** Keeps records in a Map for the life of the page. Values are cloned in and out, as IndexedDB does. */
export class MemoryRunStorage implements RunStorage {
  private readonly values = new Map<string, unknown>();

  constructor(initial: readonly unknown[] = []) {
    initial.forEach((value, index) => this.values.set(`initial-${index}`, structuredClone(value)));
  }

  async getAll(): Promise<unknown[]> {
    return [...this.values.values()].map((value) => structuredClone(value));
  }

  async put(record: RunRecord): Promise<void> {
    this.values.set(record.id, structuredClone(record));
  }

  async delete(id: string): Promise<void> {
    this.values.delete(id);
  }

  async clear(): Promise<void> {
    this.values.clear();
  }
}

/** Stored runs that could be read, and the reasons for those that could not. */
export interface RunListing {
  records: RunRecord[];
  rejected: string[];
}

/**
 * Saves, lists and deletes run records over a `RunStorage`. Listing migrates old records to
 * the current schema and writes them back, and skips values it cannot read instead of failing.
 */
export class RunStore {
  constructor(private readonly storage: RunStorage) {}

  /** Returns every readable record in the order they were recorded (`seq`). */
  async list(): Promise<RunListing> {
    const values = await this.storage.getAll();
    const records: RunRecord[] = [];
    const rejected: string[] = [];

    for (const value of values) {
      const decoded = decodeRunRecord(value);
      if (!decoded.ok) {
        rejected.push(decoded.reason);
        continue;
      }
      records.push(decoded.record);
      if (decoded.migrated) await this.storage.put(decoded.record);
    }

    records.sort((a, b) => a.seq - b.seq);
    return { records, rejected };
  }

  /** Adds or replaces a record, keyed by `id`. Throws when the record does not have the current shape. */
  async save(record: RunRecord): Promise<void> {
    const decoded = decodeRunRecord(record);
    if (!decoded.ok) throw new Error(`Run store: cannot save run ${record.id}: ${decoded.reason}.`);
    await this.storage.put(record);
  }

  async rename(record: RunRecord, name: string): Promise<RunRecord> {
    const trimmed = name.trim();
    const renamed = { ...record, name: trimmed === '' ? record.name : trimmed };
    await this.save(renamed);
    return renamed;
  }

  async remove(id: string): Promise<void> {
    await this.storage.delete(id);
  }

  async clear(): Promise<void> {
    await this.storage.clear();
  }
}
