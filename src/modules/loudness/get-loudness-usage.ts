import type { AppContext } from '../../app-context.ts';
import { getLoudnessTier } from './get-loudness-tier.ts';
import type { LoudnessTier } from './tables.ts';
import { TIERS } from './tiers.ts';
import { usagePeriod } from './usage-period.ts';

export interface LoudnessUsage {
  tier: LoudnessTier;
  period: string;
  used: number;
  limit: number | null;
  remaining: number | null;
  resetsAt: string;
}

export async function getLoudnessUsage(ctx: Pick<AppContext, 'database'>, input: { userId: string; now?: Date }): Promise<LoudnessUsage> {
  const db = ctx.database.db;
  const tier = await getLoudnessTier(db, input.userId);
  const { period, resetsAt } = usagePeriod(input.now);
  const row = await db
    .selectFrom('loudness_usage')
    .select('used')
    .where('user_id', '=', input.userId)
    .where('period', '=', period)
    .executeTakeFirst();
  const used = row?.used ?? 0;
  const limit = TIERS[tier].monthlyUploads;
  return {
    tier,
    period: period.slice(0, 7),
    used,
    limit,
    remaining: limit === null ? null : Math.max(0, limit - used),
    resetsAt: resetsAt.toISOString(),
  };
}
