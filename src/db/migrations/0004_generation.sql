-- Generated songs. A song is one generation request (prompt, lyrics, task); its variations are the
-- takes a user hears (1–3). Ownership is a user or, for shops that sell to guests, a guest id.

CREATE TABLE songs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  guest_id text,
  parent_id uuid REFERENCES songs (id) ON DELETE SET NULL,
  task text NOT NULL CHECK (task IN ('text2music', 'retake', 'repaint', 'extend', 'remix')),
  engine text NOT NULL,
  title text NOT NULL,
  prompt text NOT NULL,
  lyrics text,
  duration_seconds integer NOT NULL CHECK (duration_seconds BETWEEN 1 AND 3600),
  seed bigint NOT NULL,
  -- The request as the engine received it (region, genre hints …): for re-rendering and audits.
  params jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'generating', 'completed', 'failed')),
  error text,
  cost integer NOT NULL DEFAULT 0 CHECK (cost >= 0),
  job_id uuid,
  visibility text NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public')),
  share_slug text UNIQUE,
  is_favorite boolean NOT NULL DEFAULT false,
  like_count integer NOT NULL DEFAULT 0 CHECK (like_count >= 0),
  play_count integer NOT NULL DEFAULT 0 CHECK (play_count >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  CONSTRAINT songs_has_owner CHECK (user_id IS NOT NULL OR guest_id IS NOT NULL)
);
CREATE INDEX songs_user_idx ON songs (user_id, created_at DESC, id DESC);
CREATE INDEX songs_guest_idx ON songs (guest_id, created_at DESC) WHERE guest_id IS NOT NULL;
CREATE INDEX songs_parent_idx ON songs (parent_id);
CREATE INDEX songs_public_idx ON songs (created_at DESC, id DESC) WHERE visibility = 'public' AND status = 'completed';

CREATE TABLE song_variations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  song_id uuid NOT NULL REFERENCES songs (id) ON DELETE CASCADE,
  position smallint NOT NULL CHECK (position BETWEEN 0 AND 2),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'generating', 'completed', 'failed')),
  seed bigint NOT NULL,
  -- A provider's id for this take, so its webhook finds the row (unique per engine).
  external_id text,
  audio_key text,
  sidecar_key text,
  format text,
  duration_seconds double precision,
  sample_rate integer,
  channels smallint,
  -- The engine's render plan (procedural engine) or the provider's reply: enough to re-render.
  plan jsonb,
  lrc text,
  loudness jsonb,
  timings jsonb NOT NULL DEFAULT '{}'::jsonb,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  UNIQUE (song_id, position)
);
CREATE UNIQUE INDEX song_variations_external_idx ON song_variations (external_id) WHERE external_id IS NOT NULL;

-- Idempotency-Key replays: the first response per (user, key) is stored and returned again.
CREATE TABLE generation_requests (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  status_code integer NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, idempotency_key)
);

-- Free-tier allowance: generations used per period ('lifetime' or 'YYYY-MM'), incremented atomically.
CREATE TABLE generation_usage (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  period text NOT NULL,
  used integer NOT NULL DEFAULT 0 CHECK (used >= 0),
  PRIMARY KEY (user_id, period)
);

-- What the worker did, step by step: the NDJSON progress stream reads it.
CREATE TABLE generation_logs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  song_id uuid NOT NULL REFERENCES songs (id) ON DELETE CASCADE,
  step text NOT NULL,
  message text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX generation_logs_song_idx ON generation_logs (song_id, id);

CREATE TABLE lyric_generation_errors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  engine text NOT NULL,
  request jsonb NOT NULL,
  error text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Provider webhooks: every delivery recorded once by its event key; failures kept for inspection.
CREATE TABLE provider_webhook_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider text NOT NULL,
  event_key text NOT NULL,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  UNIQUE (provider, event_key)
);

CREATE TABLE provider_webhook_failures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider text NOT NULL,
  reason text NOT NULL,
  body_excerpt text,
  received_at timestamptz NOT NULL DEFAULT now()
);
