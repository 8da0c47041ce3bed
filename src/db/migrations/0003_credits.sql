-- Credits: a wallet per user and an append-only ledger. The balance is never written directly: the
-- only way it changes is a ledger insert, whose trigger adds the amount to the wallet, so
-- balance = SUM(ledger) holds by construction. The CHECK on the wallet refuses an overdraft, and
-- the row lock the trigger's UPDATE takes serializes concurrent debits of one wallet.

CREATE TABLE wallets (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  balance bigint NOT NULL DEFAULT 0 CONSTRAINT wallets_balance_not_negative CHECK (balance >= 0),
  is_pro boolean NOT NULL DEFAULT false,
  next_refill_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE transactions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES wallets (user_id) ON DELETE CASCADE,
  amount integer NOT NULL CHECK (amount <> 0),
  reason text NOT NULL CHECK (reason IN (
    'generation', 'remix', 'refund', 'topup', 'subscription', 'daily_grant', 'welcome', 'admin_adjustment'
  )),
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Every external effect (a job's debit or refund, a payment, a grant) names itself here, so
  -- applying it twice is a no-op.
  idempotency_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX transactions_user_idx ON transactions (user_id, created_at DESC, id DESC);

CREATE FUNCTION ledger_apply_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('backbeat.ledger_write', 'on', true);
  UPDATE wallets SET balance = balance + NEW.amount, updated_at = now() WHERE user_id = NEW.user_id;
  PERFORM set_config('backbeat.ledger_write', 'off', true);
  RETURN NULL;
END
$$;
-- AFTER, not BEFORE: with INSERT … ON CONFLICT DO NOTHING a BEFORE trigger would move the balance
-- even for the row that conflicts and is never inserted.
CREATE TRIGGER transactions_apply_entry AFTER INSERT ON transactions
  FOR EACH ROW EXECUTE FUNCTION ledger_apply_entry();

CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Deleting a user removes its wallet first; its ledger rows may then go with it.
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM wallets WHERE user_id = OLD.user_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the credit ledger is append-only: % is not allowed; add a correcting entry instead', TG_OP
    USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER transactions_append_only BEFORE UPDATE OR DELETE ON transactions
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER transactions_no_truncate BEFORE TRUNCATE ON transactions
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

CREATE FUNCTION wallet_guard_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.balance <> 0 THEN
    RAISE EXCEPTION 'a wallet starts at 0; credit it through the ledger' USING ERRCODE = 'restrict_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.balance IS DISTINCT FROM OLD.balance
     AND current_setting('backbeat.ledger_write', true) IS DISTINCT FROM 'on' THEN
    RAISE EXCEPTION 'a wallet balance changes only through the ledger' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER wallets_guard_balance BEFORE INSERT OR UPDATE ON wallets
  FOR EACH ROW EXECUTE FUNCTION wallet_guard_balance();
