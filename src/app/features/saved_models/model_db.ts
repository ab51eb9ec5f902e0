/**
 * A small IndexedDB store of model files, so a trained model survives a reload. Each record
 * holds the bytes that `exportModel` returns, with a name, a size and the time it was saved.
 */
export interface SavedModelInfo {
  id: number;
  name: string;
  bytes: number;
  savedAt: number;
}

interface SavedModelRecord extends SavedModelInfo {
  data: Uint8Array;
}

const DB_NAME = 'lfm-studio-models';
const STORE = 'models';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB: open failed.'));
  });
}

/** Runs one request in its own transaction and closes the database afterwards. */
async function run<T>(
  mode: IDBTransactionMode,
  action: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () =>
        reject(transaction.error ?? new Error('IndexedDB: transaction failed.'));
      transaction.onabort = () =>
        reject(transaction.error ?? new Error('IndexedDB: transaction aborted.'));
    });
  } finally {
    db.close();
  }
}

export async function saveModel(name: string, data: Uint8Array): Promise<number> {
  const record: Omit<SavedModelRecord, 'id'> = {
    name,
    bytes: data.byteLength,
    savedAt: Date.now(),
    data,
  };
  return Number(await run('readwrite', (store) => store.add(record)));
}

/**
 * Lists the saved models, newest first.
 * NOTE: `getAll` reads every model's bytes too; a cursor over the keys would avoid that once
 * people keep more than a few models.
 */
export async function listModels(): Promise<SavedModelInfo[]> {
  const records = await run(
    'readonly',
    (store) => store.getAll() as IDBRequest<SavedModelRecord[]>,
  );
  return records
    .map(({ id, name, bytes, savedAt }) => ({ id, name, bytes, savedAt }))
    .sort((a, b) => b.savedAt - a.savedAt);
}

export async function readModel(id: number): Promise<Uint8Array | null> {
  const record = await run(
    'readonly',
    (store) => store.get(id) as IDBRequest<SavedModelRecord | undefined>,
  );
  return record?.data ?? null;
}

export async function deleteModel(id: number): Promise<void> {
  await run('readwrite', (store) => store.delete(id));
}
