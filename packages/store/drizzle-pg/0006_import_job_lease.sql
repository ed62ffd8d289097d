ALTER TABLE "import_jobs" ADD COLUMN "lease_holder" text COLLATE "C";--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "lease_until" bigint;