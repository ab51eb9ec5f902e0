import type { RunRecord } from './run_record';
import type { RunStorage } from './run_store';

const DATABASE_NAME = 'lfm-studio';
/**
 * Version of the database layout (object stores and indexes), separate from the record
 * schema in `RUN_SCHEMA_VERSION`, which the run store migrates on read.
 */
const DATABASE_VERSION = 1;
const RUNS_STORE = 'runs';

/** Opens the runs database, creating or upgrading its object store. Rejects when IndexedDB is missing or blocked. */
export async function openIndexedDbRunStorage(
  factory: IDBFactory = indexedDB,
): Promise<RunStorage> {
  const database = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(DATABASE_NAME, DATABASE_VERSION);
    request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB: open failed.'));
    request.onblocked = () =>
      reject(
        new Error('IndexedDB: the runs database is open in an older tab. Close it and reload.'),
      );
  });

  // Another tab upgrading the database needs this one to let go.
  database.onversionchange = () => database.close();

  return {
    getAll: () => run<unknown[]>(database, 'readonly', (store) => store.getAll()),
    put: (record) => run(database, 'readwrite', (store) => store.put(record)).then(() => undefined),
    delete: (id) => run(database, 'readwrite', (store) => store.delete(id)),
    clear: () => run(database, 'readwrite', (store) => store.clear()),
  };
}

/** Creates what each database version adds. `oldVersion` is 0 for a new database. */
function upgrade(database: IDBDatabase, oldVersion: number): void {
  if (oldVersion < 1)
    database.createObjectStore(RUNS_STORE, { keyPath: 'id' satisfies keyof RunRecord });
}

/** Runs one request in its own transaction and resolves when the transaction commits. */
function run<T>(
  database: IDBDatabase,
  mode: IDBTransactionMode,
  makeRequest: (store: IDBObjectStore) => IDBRequest,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const transaction = database.transaction(RUNS_STORE, mode);
    const request = makeRequest(transaction.objectStore(RUNS_STORE));
    transaction.oncomplete = () => resolve(request.result as T);
    transaction.onerror = () =>
      reject(transaction.error ?? new Error('IndexedDB: request failed.'));
    transaction.onabort = () =>
      reject(transaction.error ?? new Error('IndexedDB: transaction aborted.'));
  });
}
