-- Schema version 2: a citizen question remembers the conversation it was asked in (where the staff answer goes).
-- If another version-2 script lands first, renumber this one (the numbers must run 1, 2, 3… without gaps).
ALTER TABLE citizen_questions ADD COLUMN conversation_reference_id text;
