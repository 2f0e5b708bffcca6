-- Schema version 1 (initial): generated from the EF Core model with Database.GenerateCreateScript().
-- Never edit an applied script; add NNN_name.sql with the next number instead (see SchemaMigrator).
CREATE TABLE "citizen_questions" (
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
    "etag" TEXT NOT NULL
);


CREATE TABLE "consultations" (
    "id" TEXT NOT NULL CONSTRAINT "PK_consultations" PRIMARY KEY,
    "project_slug" TEXT NOT NULL,
    "opens_at" INTEGER NOT NULL,
    "closes_at" INTEGER NOT NULL,
    "document" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "etag" TEXT NOT NULL
);


CREATE TABLE "conversation_references" (
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
    "etag" TEXT NOT NULL
);


CREATE TABLE "notifications" (
    "id" TEXT NOT NULL CONSTRAINT "PK_notifications" PRIMARY KEY,
    "project_slug" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "title_fr" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "body_fr" TEXT NOT NULL,
    "body_en" TEXT NOT NULL,
    "link" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "etag" TEXT NOT NULL
);


CREATE TABLE "participants" (
    "id" TEXT NOT NULL CONSTRAINT "PK_participants" PRIMARY KEY,
    "channel_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "aad_object_id" TEXT NULL,
    "preferred_language" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "consents" TEXT NOT NULL,
    "etag" TEXT NOT NULL
);


CREATE TABLE "projects" (
    "slug" TEXT NOT NULL CONSTRAINT "PK_projects" PRIMARY KEY,
    "document" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "etag" TEXT NOT NULL
);


CREATE TABLE "responses" (
    "id" TEXT NOT NULL CONSTRAINT "PK_responses" PRIMARY KEY,
    "participant_id" TEXT NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "started_at" INTEGER NOT NULL,
    "submitted_at" INTEGER NULL,
    "updated_at" INTEGER NOT NULL,
    "etag" TEXT NOT NULL
);


CREATE TABLE "state" (
    "state_key" TEXT NOT NULL CONSTRAINT "PK_state" PRIMARY KEY,
    "document" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "etag" TEXT NOT NULL
);


CREATE TABLE "deliveries" (
    "id" TEXT NOT NULL CONSTRAINT "PK_deliveries" PRIMARY KEY,
    "notification_id" TEXT NOT NULL,
    "participant_id" TEXT NOT NULL,
    "conversation_reference_id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "next_attempt_at" INTEGER NULL,
    "lease_owner" TEXT NULL,
    "lease_expires_at" INTEGER NULL,
    "last_error" TEXT NULL,
    "sent_at" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "etag" TEXT NOT NULL,
    CONSTRAINT "FK_deliveries_notifications_notification_id" FOREIGN KEY ("notification_id") REFERENCES "notifications" ("id") ON DELETE CASCADE
);


CREATE TABLE "participant_subscriptions" (
    "participant_id" TEXT NOT NULL,
    "project_slug" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    CONSTRAINT "PK_participant_subscriptions" PRIMARY KEY ("participant_id", "project_slug", "topic"),
    CONSTRAINT "FK_participant_subscriptions_participants_participant_id" FOREIGN KEY ("participant_id") REFERENCES "participants" ("id") ON DELETE CASCADE
);


CREATE TABLE "answers" (
    "response_id" TEXT NOT NULL,
    "question_id" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "answered_at" INTEGER NOT NULL,
    CONSTRAINT "PK_answers" PRIMARY KEY ("response_id", "question_id"),
    CONSTRAINT "FK_answers_responses_response_id" FOREIGN KEY ("response_id") REFERENCES "responses" ("id") ON DELETE CASCADE
);


CREATE INDEX "IX_citizen_questions_participant_id" ON "citizen_questions" ("participant_id");


CREATE INDEX "IX_citizen_questions_status_id" ON "citizen_questions" ("status", "id");


CREATE INDEX "IX_consultations_project_slug_id" ON "consultations" ("project_slug", "id");


CREATE INDEX "IX_conversation_references_participant_id" ON "conversation_references" ("participant_id");


CREATE UNIQUE INDEX "IX_deliveries_idempotency_key" ON "deliveries" ("idempotency_key");


CREATE INDEX "IX_deliveries_notification_id_id" ON "deliveries" ("notification_id", "id");


CREATE INDEX "IX_deliveries_status_next_attempt_at" ON "deliveries" ("status", "next_attempt_at");


CREATE INDEX "IX_notifications_project_slug_id" ON "notifications" ("project_slug", "id");


CREATE INDEX "IX_participant_subscriptions_project_slug_topic_participant_id" ON "participant_subscriptions" ("project_slug", "topic", "participant_id");


CREATE INDEX "IX_participants_aad_object_id" ON "participants" ("aad_object_id");


CREATE UNIQUE INDEX "IX_participants_channel_id_user_id" ON "participants" ("channel_id", "user_id");


CREATE INDEX "IX_responses_consultation_id_id" ON "responses" ("consultation_id", "id");


CREATE UNIQUE INDEX "IX_responses_participant_id_consultation_id" ON "responses" ("participant_id", "consultation_id");


