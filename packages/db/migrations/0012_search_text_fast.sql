-- tp_search_text without its per-character loop for text with no Chinese, Japanese or Korean in it (most messages):
-- the result is the same lower-cased, NFKC-normalised text as before, so stored search vectors stay valid. The loop
-- cost ~100 µs per 100 characters on PostgreSQL and 3–6 ms per call on the embedded database, three calls for a
-- new conversation from a channel (contact, subject, message).
CREATE OR REPLACE FUNCTION tp_search_text(input text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  normalized text := lower(normalize(coalesce(input, ''), NFKC));
  result text := '';
  ch text;
  prev text := null;
BEGIN
  IF normalized !~ '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]' THEN
    RETURN normalized;
  END IF;
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
