-- Schema version 5: a conversation reference remembers the IANA time zone its client reported (localTimezone), so
-- quiet hours follow the participant's own clock.
-- SQLite: the table is rebuilt so its stored definition is exactly the EF model's (ALTER TABLE ADD COLUMN is not).
CREATE TABLE "conversation_references_v3" (
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
    "client" TEXT NULL,
    "time_zone" TEXT NULL
);

INSERT INTO "conversation_references_v3" ("id", "participant_id", "channel_id", "service_url", "conversation_id", "conversation_type", "tenant_id", "user_id", "aad_object_id", "bot_id", "locale", "last_confirmed_at", "reachability", "etag", "client")
SELECT "id", "participant_id", "channel_id", "service_url", "conversation_id", "conversation_type", "tenant_id", "user_id", "aad_object_id", "bot_id", "locale", "last_confirmed_at", "reachability", "etag", "client" FROM "conversation_references";

DROP TABLE "conversation_references";

ALTER TABLE "conversation_references_v3" RENAME TO "conversation_references";

CREATE INDEX "IX_conversation_references_participant_id" ON "conversation_references" ("participant_id");
