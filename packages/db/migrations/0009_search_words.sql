CREATE TABLE "search_words" (
	"account_id" uuid NOT NULL,
	"word" text NOT NULL,
	CONSTRAINT "search_words_account_id_word_pk" PRIMARY KEY("account_id","word")
);
--> statement-breakpoint
ALTER TABLE "search_words" ADD CONSTRAINT "search_words_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
-- A word worth correcting a typo towards: 4 to 32 characters, no digits, no address or path punctuation. Chinese,
-- Japanese and Korean are indexed as one- and two-character terms (tp_search_text), so they never qualify.
CREATE OR REPLACE FUNCTION tp_is_search_word(lexeme text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT char_length(lexeme) BETWEEN 4 AND 32 AND lexeme !~ '[0-9@./:_-]' $$;
--> statement-breakpoint
-- Adds the new words of a subject or message to search_words. Words already known (nearly all of them, once an
-- account has some history) are skipped before the insert, so a message only writes when it brings a new word.
CREATE OR REPLACE FUNCTION tp_collect_search_words() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (account_id, word)
  SELECT NEW.account_id, v.lexeme FROM unnest(NEW.search_vector) AS v
  WHERE tp_is_search_word(v.lexeme)
    AND NOT EXISTS (SELECT 1 FROM search_words w WHERE w.account_id = NEW.account_id AND w.word = v.lexeme)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER conversations_search_words AFTER INSERT OR UPDATE OF subject ON conversations
  FOR EACH ROW EXECUTE FUNCTION tp_collect_search_words();
--> statement-breakpoint
CREATE TRIGGER messages_search_words AFTER INSERT OR UPDATE OF body ON messages
  FOR EACH ROW EXECUTE FUNCTION tp_collect_search_words();
--> statement-breakpoint
INSERT INTO search_words (account_id, word)
SELECT DISTINCT t.account_id, v.lexeme
FROM (SELECT account_id, search_vector FROM conversations UNION ALL SELECT account_id, search_vector FROM messages) AS t,
  unnest(t.search_vector) AS v
WHERE tp_is_search_word(v.lexeme)
ON CONFLICT DO NOTHING;
