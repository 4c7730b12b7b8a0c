CREATE TABLE "live_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"moderation" text DEFAULT 'manual' NOT NULL,
	"posts_per_minute" integer DEFAULT 3 NOT NULL,
	"allowed_kinds" text[] DEFAULT '{text,emoji,photo}'::text[] NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"builtin_blocklist" boolean DEFAULT true NOT NULL,
	"block_links" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_feeds_status_check" CHECK ("status" IN ('scheduled', 'live', 'ended')),
	CONSTRAINT "live_feeds_moderation_check" CHECK ("moderation" IN ('automatic', 'manual'))
);
--> statement-breakpoint
CREATE TABLE "live_feed_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"feed_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"inbox_id" uuid,
	"post_id" text,
	"hashtag" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_feed_sources_kind_check" CHECK ("kind" IN ('instagram', 'facebook', 'hashtag'))
);
--> statement-breakpoint
CREATE TABLE "live_feed_viewers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"feed_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"email" text,
	"token_hash" text NOT NULL,
	"ip" text,
	"banned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_feed_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"feed_id" uuid NOT NULL,
	"source" text NOT NULL,
	"external_id" text,
	"viewer_id" uuid,
	"author_name" text NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"emoji" text,
	"photo_type" text,
	"status" text NOT NULL,
	"block_reason" text,
	"pinned" boolean DEFAULT false NOT NULL,
	"moderated_by" uuid,
	"moderated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_feed_posts_source_check" CHECK ("source" IN ('viewer', 'instagram', 'facebook', 'hashtag')),
	CONSTRAINT "live_feed_posts_status_check" CHECK ("status" IN ('pending', 'approved', 'rejected', 'blocked'))
);
--> statement-breakpoint
CREATE TABLE "live_feed_photos" (
	"post_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"bytes" bytea NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_feed_blocked_phrases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"phrase" text NOT NULL,
	"normalized" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_feed_polls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"feed_id" uuid NOT NULL,
	"question" text NOT NULL,
	"options" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_feed_polls_status_check" CHECK ("status" IN ('draft', 'open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "live_feed_votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"poll_id" uuid NOT NULL,
	"viewer_id" uuid NOT NULL,
	"option_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "live_feeds" ADD CONSTRAINT "live_feeds_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_feed_sources" ADD CONSTRAINT "live_feed_sources_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_feed_sources" ADD CONSTRAINT "live_feed_sources_feed_id_live_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."live_feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_feed_viewers" ADD CONSTRAINT "live_feed_viewers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_feed_viewers" ADD CONSTRAINT "live_feed_viewers_feed_id_live_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."live_feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_feed_posts" ADD CONSTRAINT "live_feed_posts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_feed_posts" ADD CONSTRAINT "live_feed_posts_feed_id_live_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."live_feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_feed_photos" ADD CONSTRAINT "live_feed_photos_post_id_live_feed_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."live_feed_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_feed_photos" ADD CONSTRAINT "live_feed_photos_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_feed_blocked_phrases" ADD CONSTRAINT "live_feed_blocked_phrases_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_feed_polls" ADD CONSTRAINT "live_feed_polls_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_feed_polls" ADD CONSTRAINT "live_feed_polls_feed_id_live_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."live_feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_feed_votes" ADD CONSTRAINT "live_feed_votes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_feed_votes" ADD CONSTRAINT "live_feed_votes_poll_id_live_feed_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."live_feed_polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_feed_votes" ADD CONSTRAINT "live_feed_votes_viewer_id_live_feed_viewers_id_fk" FOREIGN KEY ("viewer_id") REFERENCES "public"."live_feed_viewers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "live_feeds_account_slug_key" ON "live_feeds" USING btree ("account_id","slug");--> statement-breakpoint
CREATE INDEX "live_feed_sources_inbox_idx" ON "live_feed_sources" USING btree ("account_id","inbox_id");--> statement-breakpoint
CREATE INDEX "live_feed_sources_feed_idx" ON "live_feed_sources" USING btree ("feed_id");--> statement-breakpoint
CREATE UNIQUE INDEX "live_feed_viewers_token_key" ON "live_feed_viewers" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "live_feed_viewers_feed_idx" ON "live_feed_viewers" USING btree ("feed_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "live_feed_posts_external_key" ON "live_feed_posts" USING btree ("feed_id","source","external_id") WHERE external_id is not null;--> statement-breakpoint
CREATE INDEX "live_feed_posts_feed_status_idx" ON "live_feed_posts" USING btree ("feed_id","status","created_at");--> statement-breakpoint
CREATE INDEX "live_feed_posts_viewer_idx" ON "live_feed_posts" USING btree ("viewer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "live_feed_posts_one_pinned_key" ON "live_feed_posts" USING btree ("feed_id") WHERE pinned;--> statement-breakpoint
CREATE UNIQUE INDEX "live_feed_blocked_phrases_key" ON "live_feed_blocked_phrases" USING btree ("account_id","normalized");--> statement-breakpoint
CREATE INDEX "live_feed_polls_feed_idx" ON "live_feed_polls" USING btree ("feed_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "live_feed_polls_one_open_key" ON "live_feed_polls" USING btree ("feed_id") WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "live_feed_votes_one_key" ON "live_feed_votes" USING btree ("poll_id","viewer_id");
