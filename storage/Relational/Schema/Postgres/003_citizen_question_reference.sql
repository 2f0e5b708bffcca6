-- Schema version 3: a citizen question remembers the conversation it was asked in (where the staff answer goes).
ALTER TABLE citizen_questions ADD COLUMN conversation_reference_id text;
