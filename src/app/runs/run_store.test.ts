import { describe, expect, it } from 'vitest';
import { RUN_SCHEMA_VERSION } from './run_record';
import { MemoryRunStorage, RunStore } from './run_store';
import { makeRun } from './test_support';

describe('RunStore', () => {
  it('lists saved runs in recording order', async () => {
    const store = new RunStore(new MemoryRunStorage());
    await store.save(makeRun({ id: 'b', seq: 2 }));
    await store.save(makeRun({ id: 'a', seq: 1 }));

    const { records, rejected } = await store.list();
    expect(records.map((record) => record.id)).toEqual(['a', 'b']);
    expect(rejected).toEqual([]);
  });

  it('replaces a run saved twice under one id', async () => {
    const store = new RunStore(new MemoryRunStorage());
    await store.save(makeRun({ id: 'a' }));
    await store.save(makeRun({ id: 'a', name: 'second' }));

    const { records } = await store.list();
    expect(records.map((record) => record.name)).toEqual(['second']);
  });

  it('deletes one run', async () => {
    const store = new RunStore(new MemoryRunStorage());
    await store.save(makeRun({ id: 'a', seq: 1 }));
    await store.save(makeRun({ id: 'b', seq: 2 }));
    await store.remove('a');

    expect((await store.list()).records.map((record) => record.id)).toEqual(['b']);
  });

  it('deletes all runs', async () => {
    const store = new RunStore(new MemoryRunStorage());
    await store.save(makeRun({ id: 'a' }));
    await store.clear();

    expect((await store.list()).records).toEqual([]);
  });

  it('renames a run and ignores a blank name', async () => {
    const store = new RunStore(new MemoryRunStorage());
    const record = makeRun({ id: 'a' });
    await store.save(record);

    const renamed = await store.rename(record, '  k 16 baseline ');
    expect(renamed.name).toBe('k 16 baseline');
    expect((await store.rename(renamed, '   ')).name).toBe('k 16 baseline');
    expect((await store.list()).records[0]?.name).toBe('k 16 baseline');
  });

  it('skips stored values it cannot read and says why', async () => {
    const newer = { ...makeRun({ id: 'n' }), schemaVersion: RUN_SCHEMA_VERSION + 1 };
    const store = new RunStore(new MemoryRunStorage([makeRun({ id: 'a' }), newer, 'junk']));

    const { records, rejected } = await store.list();
    expect(records.map((record) => record.id)).toEqual(['a']);
    expect(rejected).toHaveLength(2);
    expect(rejected[0]).toContain('newer');
  });

  it('refuses to save a record without the current shape', async () => {
    const store = new RunStore(new MemoryRunStorage());
    const broken = { ...makeRun({ id: 'x' }), epochs: null } as unknown as ReturnType<
      typeof makeRun
    >;

    await expect(store.save(broken)).rejects.toThrow(
      'Run store: cannot save run x: epochs must be an array.',
    );
    expect((await store.list()).records).toEqual([]);
  });

  it('returns copies, so editing a listed run leaves the stored one', async () => {
    const store = new RunStore(new MemoryRunStorage());
    await store.save(makeRun({ id: 'a' }));
    const first = (await store.list()).records[0];
    if (first !== undefined) first.name = 'edited';

    expect((await store.list()).records[0]?.name).not.toBe('edited');
  });
});
