ALTER TABLE "survey_requests" ADD COLUMN "test" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "test" boolean DEFAULT false NOT NULL;
