-- Schema version 4: a conversation reference remembers the client it was seen through (Direct Line: Web Chat or another
-- app), so a proactive message renders as the conversation's own messages do.
-- SQLite: the table is rebuilt so its stored definition is exactly the EF model's (ALTER TABLE ADD COLUMN is not).
CREATE TABLE "conversation_references_v2" (
    "id" TEXT NOT NULL CONSTRAINT "PK_conversation_references" PRIMARY KEY,
    "participant_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "service_url" TEXT NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "conversation_type" TEXT NULL,
    "tenant_id" TEXT NULL,
    "user_id" TEXT NOT NULL,
    "aad_object_id" TEXT NULL,
    "bot_id" TEXT NOT NULL,
    "locale" TEXT NULL,
    "last_confirmed_at" INTEGER NOT NULL,
    "reachability" TEXT NOT NULL,
    "etag" TEXT NOT NULL,
    "client" TEXT NULL
);

INSERT INTO "conversation_references_v2" ("id", "participant_id", "channel_id", "service_url", "conversation_id", "conversation_type", "tenant_id", "user_id", "aad_object_id", "bot_id", "locale", "last_confirmed_at", "reachability", "etag")
SELECT "id", "participant_id", "channel_id", "service_url", "conversation_id", "conversation_type", "tenant_id", "user_id", "aad_object_id", "bot_id", "locale", "last_confirmed_at", "reachability", "etag" FROM "conversation_references";

DROP TABLE "conversation_references";

ALTER TABLE "conversation_references_v2" RENAME TO "conversation_references";

CREATE INDEX "IX_conversation_references_participant_id" ON "conversation_references" ("participant_id");
