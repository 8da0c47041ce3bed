-- Social: likes, plays and shares of songs, and the monthly play allowance. Counters on songs
-- (like_count, play_count) are moved in the same transaction as the interaction row that justifies
-- them; for likes, the partial unique index makes a second like by the same user a no-op, so the
-- counter stays exact however many requests race.

CREATE TABLE interactions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  song_id uuid NOT NULL REFERENCES songs (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('like', 'play', 'share')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX interactions_one_like_idx ON interactions (user_id, song_id) WHERE kind = 'like';
CREATE INDEX interactions_song_idx ON interactions (song_id, kind);
CREATE INDEX interactions_user_idx ON interactions (user_id, kind, created_at DESC);

-- Plays per user per UTC calendar month ('YYYY-MM'); a new month is a new row, so the count resets
-- without a sweeper. Incremented by a conditional upsert that also enforces the free-tier limit.
CREATE TABLE play_usage (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  month text NOT NULL CHECK (month ~ '^\d{4}-\d{2}$'),
  plays integer NOT NULL DEFAULT 0 CHECK (plays >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, month)
);

-- The explore feed's "most liked" order, keyset-paginated over (like_count, created_at, id).
CREATE INDEX songs_public_likes_idx ON songs (like_count DESC, created_at DESC, id DESC)
  WHERE visibility = 'public' AND status = 'completed';
-- The library's favorites filter.
CREATE INDEX songs_user_favorite_idx ON songs (user_id, created_at DESC, id DESC) WHERE is_favorite;
