ALTER TABLE "outreach_sends" ADD COLUMN "test" boolean DEFAULT false NOT NULL;
