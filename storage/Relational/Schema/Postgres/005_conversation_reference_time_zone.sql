-- Schema version 5: a conversation reference remembers the IANA time zone its client reported (localTimezone), so
-- quiet hours follow the participant's own clock.
ALTER TABLE conversation_references ADD COLUMN time_zone text;
