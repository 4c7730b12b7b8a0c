CREATE TABLE "puzzle_images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "puzzles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"builtin_image" text,
	"image_id" uuid,
	"grid_size" integer NOT NULL,
	"deal_kind" text NOT NULL,
	"coupon_pool_id" uuid,
	"points" integer,
	"deal_text" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "puzzles_grid_size_check" CHECK ("grid_size" BETWEEN 3 AND 6),
	CONSTRAINT "puzzles_image_check" CHECK (("builtin_image" IS NULL) <> ("image_id" IS NULL)),
	CONSTRAINT "puzzles_deal_check" CHECK (("deal_kind" = 'coupon' AND "coupon_pool_id" IS NOT NULL AND "points" IS NULL) OR ("deal_kind" = 'points' AND "coupon_pool_id" IS NULL AND "points" > 0))
);
--> statement-breakpoint
CREATE TABLE "puzzle_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"puzzle_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"shuffle" jsonb NOT NULL,
	"status" text DEFAULT 'playing' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"moves" integer,
	"solved_at" timestamp with time zone,
	CONSTRAINT "puzzle_sessions_status_check" CHECK ("status" IN ('playing', 'solved'))
);
--> statement-breakpoint
CREATE TABLE "puzzle_solves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"puzzle_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"seconds" integer NOT NULL,
	"moves" integer NOT NULL,
	"coupon_id" uuid,
	"points_entry_id" uuid,
	"deal_missed" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "puzzle_images" ADD CONSTRAINT "puzzle_images_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "puzzle_images" ADD CONSTRAINT "puzzle_images_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "puzzles" ADD CONSTRAINT "puzzles_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "puzzles" ADD CONSTRAINT "puzzles_image_id_puzzle_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."puzzle_images"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "puzzles" ADD CONSTRAINT "puzzles_coupon_pool_id_coupon_pools_id_fk" FOREIGN KEY ("coupon_pool_id") REFERENCES "public"."coupon_pools"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "puzzle_sessions" ADD CONSTRAINT "puzzle_sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "puzzle_sessions" ADD CONSTRAINT "puzzle_sessions_puzzle_id_puzzles_id_fk" FOREIGN KEY ("puzzle_id") REFERENCES "public"."puzzles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "puzzle_solves" ADD CONSTRAINT "puzzle_solves_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "puzzle_solves" ADD CONSTRAINT "puzzle_solves_puzzle_id_puzzles_id_fk" FOREIGN KEY ("puzzle_id") REFERENCES "public"."puzzles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "puzzle_solves" ADD CONSTRAINT "puzzle_solves_session_id_puzzle_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."puzzle_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "puzzle_solves" ADD CONSTRAINT "puzzle_solves_coupon_id_coupons_id_fk" FOREIGN KEY ("coupon_id") REFERENCES "public"."coupons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "puzzle_solves" ADD CONSTRAINT "puzzle_solves_points_entry_id_points_entries_id_fk" FOREIGN KEY ("points_entry_id") REFERENCES "public"."points_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "puzzle_images_account_idx" ON "puzzle_images" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "puzzles_account_day_key" ON "puzzles" USING btree ("account_id","day");--> statement-breakpoint
CREATE INDEX "puzzle_sessions_puzzle_idx" ON "puzzle_sessions" USING btree ("account_id","puzzle_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "puzzle_solves_puzzle_contact_key" ON "puzzle_solves" USING btree ("puzzle_id","contact_id");--> statement-breakpoint
CREATE INDEX "puzzle_solves_account_idx" ON "puzzle_solves" USING btree ("account_id","puzzle_id","created_at");
