import { Client as PgClient } from 'pg';
import pino from 'pino';
import { EventFeed, EventStream, type FeedEvent } from '../../server/modules/events';
import { Role, ScopeKind } from '../../server/modules/identity';
import { permissionsOf } from '../../server/modules/identity/identity.permissions';
import type { Viewer } from '../../server/modules/identity/identity.viewer';
import { startApi, type TestApi } from '../helpers/api';
import { createFiscalDivision } from '../helpers/users';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.stop();
});

const dbUrl = () => process.env.YARDSTICK_TEST_DB_URL as string;

function bureauViewer(fd: string): Viewer {
  const roles = [Role.PERFORMANCE_ADMIN];
  return {
    id: 1,
    loginName: 'feed-test',
    roles,
    fiscalDivisionCode: fd,
    scope: ScopeKind.BUREAU,
    departmentId: null,
    financeDivisionId: null,
    permissions: permissionsOf(roles),
  };
}

const INSERT = `insert into review_event (fiscal_division_code, type, subject_type, subject_id, at)
  values ($1, 'INDICATOR_PUBLISHED', 'Indicator', $2, now()) returning position::text as position`;

describe('the outbox assigns positions in commit order', () => {
  test('a second event writer waits for the first to commit, so positions never become visible out of order', async () => {
    const fd = await createFiscalDivision(api, '提交顺序区划');
    const first = new PgClient({ connectionString: dbUrl() });
    const second = new PgClient({ connectionString: dbUrl() });
    await first.connect();
    await second.connect();
    try {
      await first.query('begin');
      const a = (await first.query(INSERT, [fd, 'first'])).rows[0].position as string;
      let secondDone = false;
      const pending = (async () => {
        await second.query('begin');
        const r = (await second.query(INSERT, [fd, 'second'])).rows[0].position as string;
        secondDone = true;
        await second.query('commit');
        return r;
      })();
      await new Promise((r) => setTimeout(r, 300));
      expect(secondDone).toBe(false);
      await first.query('commit');
      const b = await pending;
      expect(BigInt(b)).toBeGreaterThan(BigInt(a));
    } finally {
      await first.end();
      await second.end();
    }
  });

  test('a rolled-back event leaves no row, and the next writer is not held up by it', async () => {
    const fd = await createFiscalDivision(api, '回滚区划');
    const c = new PgClient({ connectionString: dbUrl() });
    await c.connect();
    try {
      await c.query('begin');
      await c.query(INSERT, [fd, 'rolled-back']);
      await c.query('rollback');
      await c.query(INSERT, [fd, 'kept']);
      const rows = await api.sql<{ subject_id: string }>(
        'select subject_id from review_event where fiscal_division_code = ? order by position',
        [fd],
      );
      expect(rows.map((r) => r.subject_id)).toEqual(['kept']);
    } finally {
      await c.end();
    }
  });
});

describe('EventStream', () => {
  test('a consumer that falls behind more than the buffer replays from the table and loses nothing', async () => {
    const fd = await createFiscalDivision(api, '慢消费区划');
    const feed = new EventFeed(api.orm, pino({ level: 'silent' }), { listen: false, pollMs: 600_000 });
    await feed.start();
    const stream = new EventStream({
      feed,
      em: api.orm.em.fork(),
      viewer: bureauViewer(fd),
      filter: {},
      maxBuffer: 10,
    });
    try {
      const written: string[] = [];
      for (let i = 0; i < 35; i += 1) {
        const [row] = await api.sql<{ position: string }>(
          `insert into review_event (fiscal_division_code, type, subject_type, subject_id, at)
           values (?, 'INDICATOR_PUBLISHED', 'Indicator', ?, now()) returning position::text as position`,
          [fd, `s${i}`],
        );
        written.push(row?.position as string);
        // Deliver as they commit, so the unread queue overflows.
        if (i % 5 === 4) await feed.wake();
      }
      await feed.wake();
      const got: FeedEvent[] = [];
      while (got.length < written.length) {
        const next = await stream.next();
        if (next.done) break;
        got.push(next.value);
      }
      expect(got.map((e) => e.position)).toEqual(written);
    } finally {
      await stream.return();
      await feed.stop();
    }
  });

  test('return() ends a stream that is waiting for events at once', async () => {
    const feed = new EventFeed(api.orm, pino({ level: 'silent' }), { listen: false, pollMs: 600_000 });
    await feed.start();
    const stream = new EventStream({
      feed,
      em: api.orm.em.fork(),
      viewer: bureauViewer('410100000'),
      filter: {},
      maxBuffer: 10,
    });
    const waiting = stream.next();
    expect(feed.subscriberCount).toBe(1);
    await stream.return();
    await expect(waiting).resolves.toEqual({ done: true, value: undefined });
    expect(feed.subscriberCount).toBe(0);
    await feed.stop();
  });
});
