-- Issue 6 (delivery): the kind of a notification (decides the frequency cap) and the index the cap's
-- "recent sends of these participants" query uses.
ALTER TABLE "notifications" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'News';

CREATE INDEX "IX_deliveries_participant_id" ON "deliveries" ("participant_id");
