-- Schema version 1 (initial): generated from the EF Core model with Database.GenerateCreateScript().
-- Never edit an applied script; add NNN_name.sql with the next number instead (see SchemaMigrator).
CREATE TABLE citizen_questions (
    id text NOT NULL,
    participant_id text NOT NULL,
    project_slug text,
    text text NOT NULL,
    language text NOT NULL,
    status text NOT NULL,
    owner text,
    answer_text text,
    asked_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    answered_at bigint,
    etag text NOT NULL,
    CONSTRAINT "PK_citizen_questions" PRIMARY KEY (id)
);


CREATE TABLE consultations (
    id text NOT NULL,
    project_slug text NOT NULL,
    opens_at bigint NOT NULL,
    closes_at bigint NOT NULL,
    document text NOT NULL,
    updated_at bigint NOT NULL,
    etag text NOT NULL,
    CONSTRAINT "PK_consultations" PRIMARY KEY (id)
);


CREATE TABLE conversation_references (
    id text NOT NULL,
    participant_id text NOT NULL,
    channel_id text NOT NULL,
    service_url text NOT NULL,
    conversation_id text NOT NULL,
    conversation_type text,
    tenant_id text,
    user_id text NOT NULL,
    aad_object_id text,
    bot_id text NOT NULL,
    locale text,
    last_confirmed_at bigint NOT NULL,
    reachability text NOT NULL,
    etag text NOT NULL,
    CONSTRAINT "PK_conversation_references" PRIMARY KEY (id)
);


CREATE TABLE notifications (
    id text NOT NULL,
    project_slug text NOT NULL,
    topic text NOT NULL,
    title_fr text NOT NULL,
    title_en text NOT NULL,
    body_fr text NOT NULL,
    body_en text NOT NULL,
    link text,
    created_by text NOT NULL,
    created_at bigint NOT NULL,
    status text NOT NULL,
    etag text NOT NULL,
    CONSTRAINT "PK_notifications" PRIMARY KEY (id)
);


CREATE TABLE participants (
    id text NOT NULL,
    channel_id text NOT NULL,
    user_id text NOT NULL,
    aad_object_id text,
    preferred_language text,
    created_at bigint NOT NULL,
    consents text NOT NULL,
    etag text NOT NULL,
    CONSTRAINT "PK_participants" PRIMARY KEY (id)
);


CREATE TABLE projects (
    slug text NOT NULL,
    document text NOT NULL,
    updated_at bigint NOT NULL,
    etag text NOT NULL,
    CONSTRAINT "PK_projects" PRIMARY KEY (slug)
);


CREATE TABLE responses (
    id text NOT NULL,
    participant_id text NOT NULL,
    consultation_id text NOT NULL,
    started_at bigint NOT NULL,
    submitted_at bigint,
    updated_at bigint NOT NULL,
    etag text NOT NULL,
    CONSTRAINT "PK_responses" PRIMARY KEY (id)
);


CREATE TABLE state (
    state_key text NOT NULL,
    document text NOT NULL,
    updated_at bigint NOT NULL,
    etag text NOT NULL,
    CONSTRAINT "PK_state" PRIMARY KEY (state_key)
);


CREATE TABLE deliveries (
    id text NOT NULL,
    notification_id text NOT NULL,
    participant_id text NOT NULL,
    conversation_reference_id text NOT NULL,
    idempotency_key text NOT NULL,
    status text NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at bigint,
    lease_owner text,
    lease_expires_at bigint,
    last_error text,
    sent_at bigint,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    etag text NOT NULL,
    CONSTRAINT "PK_deliveries" PRIMARY KEY (id),
    CONSTRAINT "FK_deliveries_notifications_notification_id" FOREIGN KEY (notification_id) REFERENCES notifications (id) ON DELETE CASCADE
);


CREATE TABLE participant_subscriptions (
    participant_id text NOT NULL,
    project_slug text NOT NULL,
    topic text NOT NULL,
    CONSTRAINT "PK_participant_subscriptions" PRIMARY KEY (participant_id, project_slug, topic),
    CONSTRAINT "FK_participant_subscriptions_participants_participant_id" FOREIGN KEY (participant_id) REFERENCES participants (id) ON DELETE CASCADE
);


CREATE TABLE answers (
    response_id text NOT NULL,
    question_id text NOT NULL,
    value text NOT NULL,
    answered_at bigint NOT NULL,
    CONSTRAINT "PK_answers" PRIMARY KEY (response_id, question_id),
    CONSTRAINT "FK_answers_responses_response_id" FOREIGN KEY (response_id) REFERENCES responses (id) ON DELETE CASCADE
);


CREATE INDEX "IX_citizen_questions_participant_id" ON citizen_questions (participant_id);


CREATE INDEX "IX_citizen_questions_status_id" ON citizen_questions (status, id);


CREATE INDEX "IX_consultations_project_slug_id" ON consultations (project_slug, id);


CREATE INDEX "IX_conversation_references_participant_id" ON conversation_references (participant_id);


CREATE UNIQUE INDEX "IX_deliveries_idempotency_key" ON deliveries (idempotency_key);


CREATE INDEX "IX_deliveries_notification_id_id" ON deliveries (notification_id, id);


CREATE INDEX "IX_deliveries_status_next_attempt_at" ON deliveries (status, next_attempt_at);


CREATE INDEX "IX_notifications_project_slug_id" ON notifications (project_slug, id);


CREATE INDEX "IX_participant_subscriptions_project_slug_topic_participant_id" ON participant_subscriptions (project_slug, topic, participant_id);


CREATE INDEX "IX_participants_aad_object_id" ON participants (aad_object_id);


CREATE UNIQUE INDEX "IX_participants_channel_id_user_id" ON participants (channel_id, user_id);


CREATE INDEX "IX_responses_consultation_id_id" ON responses (consultation_id, id);


CREATE UNIQUE INDEX "IX_responses_participant_id_consultation_id" ON responses (participant_id, consultation_id);


