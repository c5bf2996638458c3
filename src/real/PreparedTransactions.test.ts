import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres, requirePreparedTransactions } from './postgres/PostgresConnection.ts';
import { PreparedTransactions } from './postgres/PreparedTransactions.ts';

const prefix = `sptest_${randomBytes(3).toString('hex')}`;
const markers = `${prefix}_txn`;
let control: pg.Client;
let worker: pg.Client;

async function prepare(gid: string): Promise<void> {
  await worker.query('BEGIN');
  await worker.query(`INSERT INTO ${markers} (gid) VALUES ($1)`, [gid]);
  await worker.query(`PREPARE TRANSACTION '${gid}'`);
}

beforeAll(async () => {
  control = await connectPostgres();
  worker = await connectPostgres();
  await requirePreparedTransactions(control);
  await control.query(`CREATE TABLE ${markers} (gid text PRIMARY KEY)`);
});

afterAll(async () => {
  const p = new PreparedTransactions(control, markers);
  for (const gid of await p.list(`${prefix}_`)) await p.rollback(gid);
  await control.query(`DROP TABLE IF EXISTS ${markers}`);
  await control.end();
  await worker.end();
});

describe('PreparedTransactions: what an idempotent re-commit of a gid means', () => {
  it('commits a prepared gid, and a repeat is a no-op because its marker row is visible', async () => {
    const p = new PreparedTransactions(control, markers);
    const gid = `${prefix}_t0_c1_a0`;
    await prepare(gid);
    expect(await p.list(`${prefix}_`)).toEqual([gid]);
    expect(await p.commit(gid)).toBe('committed');
    expect(await p.commit(gid)).toBe('already-committed');
    expect(await p.list(`${prefix}_`)).toEqual([]);
  });

  it('reports a gid that was rolled back (or never prepared) as lost, never as committed', async () => {
    const p = new PreparedTransactions(control, markers);
    const gid = `${prefix}_t1_c2_a0`;
    await prepare(gid);
    await p.rollback(gid);
    expect(await p.commit(gid)).toBe('lost');
    expect(await p.commit(`${prefix}_never`)).toBe('lost');
  });

  it('lists only this prefix (an underscore is not a wildcard) and refuses gids it does not make', async () => {
    const p = new PreparedTransactions(control, markers);
    const mine = `${prefix}_t2_c3_a1`;
    await prepare(mine);
    expect(await p.list(`${prefix}_`)).toEqual([mine]);
    expect(await p.list(`${prefix}x`)).toEqual([]);
    await p.rollback(mine);
    await expect(p.commit("x'; DROP TABLE y; --")).rejects.toThrow(/not a gid this harness makes/);
  });
});
