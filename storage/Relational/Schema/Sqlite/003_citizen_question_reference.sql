-- Schema version 3: a citizen question remembers the conversation it was asked in (where the staff answer goes).
-- SQLite: the table is rebuilt so its stored definition is exactly the EF model's (ALTER TABLE ADD COLUMN is not).
CREATE TABLE "citizen_questions_v2" (
    "id" TEXT NOT NULL CONSTRAINT "PK_citizen_questions" PRIMARY KEY,
    "participant_id" TEXT NOT NULL,
    "project_slug" TEXT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "owner" TEXT NULL,
    "answer_text" TEXT NULL,
    "asked_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "answered_at" INTEGER NULL,
    "etag" TEXT NOT NULL,
    "conversation_reference_id" TEXT NULL
);

INSERT INTO "citizen_questions_v2" ("id", "participant_id", "project_slug", "text", "language", "status", "owner", "answer_text", "asked_at", "updated_at", "answered_at", "etag")
SELECT "id", "participant_id", "project_slug", "text", "language", "status", "owner", "answer_text", "asked_at", "updated_at", "answered_at", "etag" FROM "citizen_questions";

DROP TABLE "citizen_questions";

ALTER TABLE "citizen_questions_v2" RENAME TO "citizen_questions";

CREATE INDEX "IX_citizen_questions_participant_id" ON "citizen_questions" ("participant_id");

CREATE INDEX "IX_citizen_questions_status_id" ON "citizen_questions" ("status", "id");
