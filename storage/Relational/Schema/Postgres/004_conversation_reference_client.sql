-- Schema version 4: a conversation reference remembers the client it was seen through (Direct Line: Web Chat or another
-- app), so a proactive message renders as the conversation's own messages do.
ALTER TABLE conversation_references ADD COLUMN client text;
