import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import type { Database } from './client';
import { reconciliationRuns, type ReconciliationRun } from './schema';

export type ReconciliationTrigger = ReconciliationRun['trigger'];

export async function startReconciliationRun(
  db: Database,
  trigger: ReconciliationTrigger,
  staffId: string | null,
): Promise<ReconciliationRun> {
  const [row] = await db
    .insert(reconciliationRuns)
    .values({ trigger, triggeredByStaffId: staffId })
    .returning();
  if (!row) throw new Error('Could not record the reconciliation run');
  return row;
}

export async function finishReconciliationRun(
  db: Database,
  id: string,
  result: {
    checked: number;
    settled: number;
    errors: number;
    webhookEventsProcessed: number;
    details: unknown;
  },
): Promise<ReconciliationRun | undefined> {
  const [row] = await db
    .update(reconciliationRuns)
    .set({ ...result, finishedAt: sql`now()` })
    .where(eq(reconciliationRuns.id, id))
    .returning();
  return row;
}

export async function listReconciliationRuns(
  db: Database,
  limit = 10,
): Promise<ReconciliationRun[]> {
  return db
    .select()
    .from(reconciliationRuns)
    .orderBy(desc(reconciliationRuns.startedAt))
    .limit(limit);
}
