-- Search: trigram similarity for typo-tolerant names and subjects, and a text normaliser for full-text search that
-- splits Chinese, Japanese and Korean runs into single characters and overlapping pairs (返品 → 返 品 返品), so a query
-- like 退货 finds 我想退货 without a dictionary. Latin text is lower-cased and NFKC-normalised (full-width → half-width).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tp_search_text(input text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  normalized text := lower(normalize(coalesce(input, ''), NFKC));
  result text := '';
  ch text;
  prev text := null;
BEGIN
  FOR i IN 1..char_length(normalized) LOOP
    ch := substr(normalized, i, 1);
    IF ch ~ '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]' THEN
      result := result || ' ' || ch || coalesce(' ' || prev || ch, '') || ' ';
      prev := ch;
    ELSE
      result := result || ch;
      prev := null;
    END IF;
  END LOOP;
  RETURN result;
END
$$;
--> statement-breakpoint
-- array_to_string is only STABLE; generated columns need IMMUTABLE. For text[] it is immutable in fact.
CREATE OR REPLACE FUNCTION tp_join_words(words text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array_to_string(words, ' ') $$;
