-- Generation admission in one round trip. A request used to cost five to eight statements, each a
-- round trip and a parse; here a whole batch of concurrent requests is one call of a function whose
-- statements are planned once per session. It decides every request first (reading and locking what
-- the decisions need), then writes all the accepted ones in one statement. Each request is still
-- decided on its own: a refusal writes nothing for it.

-- The balance moves once per statement, not once per entry: a batch of debits updates each wallet
-- with one UPDATE. Entries skipped by ON CONFLICT DO NOTHING are not in the transition table.
DROP TRIGGER transactions_apply_entry ON transactions;
DROP FUNCTION ledger_apply_entry();
CREATE FUNCTION ledger_apply_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE wallets w SET balance = w.balance + e.amount, updated_at = now()
  FROM (SELECT user_id, sum(amount) AS amount FROM ledger_new_entries GROUP BY user_id) AS e
  WHERE w.user_id = e.user_id;
  RETURN NULL;
END
$$;
CREATE TRIGGER transactions_apply_entries AFTER INSERT ON transactions
  REFERENCING NEW TABLE AS ledger_new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_apply_entries();

-- The ledger's guard, cheaper: the wallet's balance may change only from inside the ledger's trigger
-- (trigger depth 2). Before, the trigger set and reset a session flag around its UPDATE, which any
-- session could set too; depth cannot be faked without creating a trigger.
CREATE OR REPLACE FUNCTION wallet_guard_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.balance <> 0 THEN
    RAISE EXCEPTION 'a wallet starts at 0; credit it through the ledger' USING ERRCODE = 'restrict_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.balance IS DISTINCT FROM OLD.balance AND pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'a wallet balance changes only through the ledger' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$$;

-- Every new song has no share slug and most have no parent: those indexes only ever look up set
-- values, so they leave the NULLs out (uniqueness of slugs is unchanged).
ALTER TABLE songs DROP CONSTRAINT songs_share_slug_key;
CREATE UNIQUE INDEX songs_share_slug_key ON songs (share_slug) WHERE share_slug IS NOT NULL;
DROP INDEX songs_parent_idx;
CREATE INDEX songs_parent_idx ON songs (parent_id) WHERE parent_id IS NOT NULL;

-- One generation request, fully resolved by the application (ids, seed, title, cost).
CREATE TYPE generation_admission AS (
  user_id uuid,
  song_id uuid,
  job_id uuid,
  parent_id uuid,
  region_end double precision,
  task text,
  engine text,
  title text,
  prompt text,
  lyrics text,
  duration_seconds integer,
  seed bigint,
  params jsonb,
  variations integer,
  cost integer,
  reason text,
  idempotency_key text,
  request_hash text
);

-- A batch of generation requests (a JSON array of generation_admission). Returns one outcome per
-- request, in order: {"outcome":"accepted"}, {"outcome":"replay",…} for an Idempotency-Key seen
-- before, or {"outcome":"refused","code":…}. Locks are taken in one global order (idempotency
-- claims, then usage counters by user, then wallets by user), so two batches never wait on each
-- other in a cycle. A request with an Idempotency-Key comes alone: its claim may wait, and it must
-- not hold other requests' locks meanwhile.
CREATE FUNCTION admit_generations(p_items jsonb, p_policy jsonb) RETURNS jsonb LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  v_queue text := p_policy->>'queue';
  v_lifetime integer := COALESCE((p_policy->>'lifetime_limit')::integer, 0);
  v_monthly integer := COALESCE((p_policy->>'monthly_limit')::integer, 0);
  v_month text := p_policy->>'month';
  v_items generation_admission[];
  v_with_parent integer;
  v_outcomes jsonb[];
  v_accepted generation_admission[] := '{}';
  v_users uuid[];
  v_limited uuid[];
  v_periods text[] := '{}';
  v_balance jsonb;          -- user → balance, as decided so far
  v_used jsonb := '{}';     -- "user period" → used, as decided so far
  v_parents jsonb := '{}';  -- song → { user_id, status, seconds }
  v_it generation_admission;
  v_user text;
  v_parent jsonb;
  v_refusal jsonb;
  v_stored record;
  v_claims integer := 0;
  v_enqueued bigint;
BEGIN
  IF jsonb_array_length(p_items) = 0 THEN
    RETURN '[]'::jsonb;
  END IF;
  SELECT array_agg(x), array_agg(DISTINCT x.user_id ORDER BY x.user_id), count(*) FILTER (WHERE x.parent_id IS NOT NULL)
  INTO v_items, v_users, v_with_parent
  FROM jsonb_populate_recordset(NULL::generation_admission, p_items) AS x;
  v_outcomes := array_fill(NULL::jsonb, ARRAY[cardinality(v_items)]);

  -- Idempotency claims. A request whose key was seen is answered from the stored response and takes
  -- no further part; a concurrent request with the same key waits here until the first commits.
  FOR i IN 1..cardinality(v_items) LOOP
    v_it := v_items[i];
    CONTINUE WHEN v_it.idempotency_key IS NULL;
    INSERT INTO generation_requests (user_id, idempotency_key, request_hash, status_code, response)
    VALUES (v_it.user_id, v_it.idempotency_key, v_it.request_hash, 0, '{}')
    ON CONFLICT (user_id, idempotency_key) DO NOTHING;
    IF FOUND THEN
      v_claims := v_claims + 1;
      CONTINUE;
    END IF;
    SELECT request_hash, status_code, response INTO v_stored FROM generation_requests
    WHERE user_id = v_it.user_id AND idempotency_key = v_it.idempotency_key;
    v_outcomes[i] := CASE
      WHEN v_stored.request_hash IS DISTINCT FROM v_it.request_hash THEN '{"outcome":"refused","code":"idempotency_mismatch"}'::jsonb
      ELSE jsonb_build_object('outcome', 'replay', 'status_code', v_stored.status_code, 'response', v_stored.response)
    END;
  END LOOP;

  -- Free-tier counters of the wallets that are not pro: created at 0 where missing, then locked.
  IF v_lifetime > 0 THEN v_periods := v_periods || 'lifetime'::text; END IF;
  IF v_monthly > 0 THEN v_periods := v_periods || v_month; END IF;
  IF cardinality(v_periods) > 0 THEN
    SELECT array_agg(user_id ORDER BY user_id) FILTER (WHERE NOT is_pro)
    INTO v_limited FROM wallets WHERE user_id = ANY (v_users);
    IF v_limited IS NOT NULL THEN
      INSERT INTO generation_usage (user_id, period, used)
      SELECT u, per, 0 FROM unnest(v_limited) AS u, unnest(v_periods) AS per ORDER BY u, per
      ON CONFLICT (user_id, period) DO NOTHING;
      SELECT COALESCE(jsonb_object_agg(user_id || ' ' || period, used), '{}') INTO v_used FROM (
        SELECT user_id, period, used FROM generation_usage
        WHERE user_id = ANY (v_limited) AND period = ANY (v_periods) ORDER BY user_id, period FOR UPDATE
      ) AS locked;
    END IF;
  END IF;

  SELECT COALESCE(jsonb_object_agg(user_id, balance), '{}') INTO v_balance FROM (
    SELECT user_id, balance FROM wallets WHERE user_id = ANY (v_users) ORDER BY user_id FOR UPDATE
  ) AS locked;

  IF v_with_parent > 0 THEN
    SELECT COALESCE(jsonb_object_agg(s.id, jsonb_build_object('user_id', s.user_id, 'status', s.status,
        'seconds', COALESCE(v.duration_seconds, s.duration_seconds))), '{}') INTO v_parents
    FROM songs s LEFT JOIN song_variations v ON v.song_id = s.id AND v.position = 0
    WHERE s.id IN (SELECT (x).parent_id FROM unnest(v_items) AS x);
  END IF;

  -- Each request in turn, against what the requests before it took.
  FOR i IN 1..cardinality(v_items) LOOP
    CONTINUE WHEN v_outcomes[i] IS NOT NULL;
    v_it := v_items[i];
    v_user := v_it.user_id::text;
    v_refusal := NULL;
    IF v_it.parent_id IS NOT NULL THEN
      v_parent := v_parents->(v_it.parent_id::text);
      IF v_parent IS NULL OR v_parent->>'user_id' IS DISTINCT FROM v_user THEN
        v_refusal := '{"code":"parent_not_found"}';
      ELSIF v_parent->>'status' <> 'completed' THEN
        v_refusal := jsonb_build_object('code', 'parent_not_completed', 'status', v_parent->>'status');
      ELSIF v_it.region_end > (v_parent->>'seconds')::double precision + 1e-6 THEN
        v_refusal := jsonb_build_object('code', 'region_outside_parent', 'seconds', (v_parent->>'seconds')::double precision);
      END IF;
    END IF;
    IF v_refusal IS NULL AND NOT v_balance ? v_user THEN
      v_refusal := '{"code":"no_wallet"}';
    END IF;
    IF v_refusal IS NULL AND (v_used->>(v_user || ' lifetime'))::integer >= v_lifetime THEN
      v_refusal := jsonb_build_object('code', 'allowance_used', 'period', 'lifetime', 'limit', v_lifetime);
    END IF;
    IF v_refusal IS NULL AND (v_used->>(v_user || ' ' || v_month))::integer >= v_monthly THEN
      v_refusal := jsonb_build_object('code', 'allowance_used', 'period', v_month, 'limit', v_monthly);
    END IF;
    IF v_refusal IS NULL AND (v_balance->>v_user)::bigint < v_it.cost THEN
      v_refusal := '{"code":"insufficient_credits"}';
    END IF;
    IF v_refusal IS NOT NULL THEN
      v_outcomes[i] := '{"outcome":"refused"}'::jsonb || v_refusal;
      CONTINUE;
    END IF;

    v_outcomes[i] := '{"outcome":"accepted"}';
    v_accepted := v_accepted || v_it;
    v_balance := jsonb_set(v_balance, ARRAY[v_user], to_jsonb((v_balance->>v_user)::bigint - v_it.cost));
    IF v_used ? (v_user || ' lifetime') THEN
      v_used := jsonb_set(v_used, ARRAY[v_user || ' lifetime'], to_jsonb((v_used->>(v_user || ' lifetime'))::integer + 1));
    END IF;
    IF v_used ? (v_user || ' ' || v_month) THEN
      v_used := jsonb_set(v_used, ARRAY[v_user || ' ' || v_month], to_jsonb((v_used->>(v_user || ' ' || v_month))::integer + 1));
    END IF;
  END LOOP;

  -- The accepted requests' rows.
  IF cardinality(v_accepted) > 0 THEN
    IF v_used <> '{}' THEN
      UPDATE generation_usage g SET used = (v_used->>(g.user_id || ' ' || g.period))::integer
      WHERE g.user_id = ANY (v_limited) AND g.period = ANY (v_periods);
    END IF;

    -- One statement for every row. The job is pg-boss's job exactly as its own send() writes one with
    -- no per-job options, from the queue's policy (test/generation-admission.test.ts compares the two
    -- column by column; the pg-boss schema is `pgboss`, BOSS_SCHEMA), plus the public `jobs` row.
    -- The takes reference their song and the ledger's trigger moves the balances; both run at the
    -- end of the statement, when the songs exist. The CHECK on wallets stays the last word on
    -- overdrafts.
    WITH a AS (SELECT * FROM unnest(v_accepted)),
    boss_job AS (
      INSERT INTO pgboss.job (
        id, name, data, priority, start_after, created_on, expire_seconds, deletion_seconds, keep_until,
        retry_limit, retry_delay, retry_backoff, retry_delay_max, policy, dead_letter, heartbeat_seconds
      )
      SELECT a.job_id, q.name, jsonb_build_object('songId', a.song_id), 0, pgboss.job_now(), pgboss.job_now(),
        q.expire_seconds, q.deletion_seconds, pgboss.job_now() + q.retention_seconds * interval '1 second',
        q.retry_limit, q.retry_delay, COALESCE(q.retry_backoff, false), q.retry_delay_max, q.policy, q.dead_letter, q.heartbeat_seconds
      FROM a JOIN pgboss.queue q ON q.name = v_queue
      RETURNING 1),
    job AS (
      INSERT INTO jobs (id, queue, owner_id) SELECT job_id, v_queue, user_id FROM a),
    song AS (
      INSERT INTO songs (id, user_id, parent_id, task, engine, title, prompt, lyrics, duration_seconds, seed, params, cost, job_id)
      SELECT song_id, user_id, parent_id, task, engine, title, prompt, lyrics, duration_seconds, seed, params, cost, job_id FROM a),
    take AS (
      INSERT INTO song_variations (song_id, position, seed)
      SELECT a.song_id, pos, (a.seed + pos) % 4294967296 FROM a, generate_series(0, a.variations - 1) AS pos),
    debit AS (
      INSERT INTO transactions (user_id, amount, reason, metadata, idempotency_key)
      SELECT user_id, -cost, reason,
        jsonb_build_object('songId', song_id, 'jobId', job_id, 'variations', variations, 'task', task), 'debit:' || song_id
      FROM a WHERE cost > 0)
    SELECT count(*) INTO v_enqueued FROM boss_job;
    IF v_enqueued <> cardinality(v_accepted) THEN
      RAISE EXCEPTION 'unknown job queue "%"', v_queue;
    END IF;
  END IF;

  -- Claimed keys keep the answer when accepted and are released when refused.
  IF v_claims > 0 THEN
    FOR i IN 1..cardinality(v_items) LOOP
      v_it := v_items[i];
      CONTINUE WHEN v_it.idempotency_key IS NULL OR v_outcomes[i]->>'outcome' = 'replay' OR v_outcomes[i]->>'code' = 'idempotency_mismatch';
      IF v_outcomes[i]->>'outcome' = 'accepted' THEN
        UPDATE generation_requests SET status_code = 202, response = jsonb_build_object(
          'song', jsonb_build_object('id', v_it.song_id), 'job', jsonb_build_object('id', v_it.job_id, 'status', 'queued'))
        WHERE user_id = v_it.user_id AND idempotency_key = v_it.idempotency_key;
      ELSE
        DELETE FROM generation_requests WHERE user_id = v_it.user_id AND idempotency_key = v_it.idempotency_key;
      END IF;
    END LOOP;
  END IF;

  RETURN to_jsonb(v_outcomes);
END
$$;
