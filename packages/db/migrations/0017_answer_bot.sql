-- Answer bot (issue 6): intents and examples, the per-account model, inbox settings, the bot's part in conversations and its turns.
CREATE TABLE "bot_conversations" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"inbox_id" uuid NOT NULL,
	"state" text DEFAULT 'handling' NOT NULL,
	"answers" integer DEFAULT 0 NOT NULL,
	"handover_reason" text,
	"pending_choices" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "bot_inbox_settings" (
	"inbox_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"answer_threshold" real DEFAULT 0.5 NOT NULL,
	"max_answers" integer DEFAULT 3 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bot_intent_examples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"intent_id" uuid NOT NULL,
	"text" text NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bot_intents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"replies" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bot_models" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"wanted_version" integer DEFAULT 1 NOT NULL,
	"trained_version" integer DEFAULT 0 NOT NULL,
	"model" jsonb,
	"intent_count" integer DEFAULT 0 NOT NULL,
	"example_count" integer DEFAULT 0 NOT NULL,
	"training_ms" integer,
	"trained_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "bot_turns" (
	"customer_message_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"bot_message_id" uuid,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"intent_id" uuid,
	"article_id" uuid,
	"candidates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"score" real,
	"draft_status" text,
	"draft_context" jsonb,
	"draft_claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bot_turns_customer_message_id_pk" PRIMARY KEY("customer_message_id")
);
--> statement-breakpoint
ALTER TABLE "bot_conversations" ADD CONSTRAINT "bot_conversations_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "bot_conversations" ADD CONSTRAINT "bot_conversations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "bot_conversations" ADD CONSTRAINT "bot_conversations_inbox_id_inboxes_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inboxes"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "bot_inbox_settings" ADD CONSTRAINT "bot_inbox_settings_inbox_id_inboxes_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inboxes"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "bot_inbox_settings" ADD CONSTRAINT "bot_inbox_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "bot_intent_examples" ADD CONSTRAINT "bot_intent_examples_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "bot_intent_examples" ADD CONSTRAINT "bot_intent_examples_intent_id_bot_intents_id_fk" FOREIGN KEY ("intent_id") REFERENCES "public"."bot_intents"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "bot_intent_examples" ADD CONSTRAINT "bot_intent_examples_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "bot_intents" ADD CONSTRAINT "bot_intents_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "bot_models" ADD CONSTRAINT "bot_models_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "bot_turns" ADD CONSTRAINT "bot_turns_customer_message_id_messages_id_fk" FOREIGN KEY ("customer_message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "bot_turns" ADD CONSTRAINT "bot_turns_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "bot_turns" ADD CONSTRAINT "bot_turns_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "bot_turns" ADD CONSTRAINT "bot_turns_bot_message_id_messages_id_fk" FOREIGN KEY ("bot_message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "bot_turns" ADD CONSTRAINT "bot_turns_intent_id_bot_intents_id_fk" FOREIGN KEY ("intent_id") REFERENCES "public"."bot_intents"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "bot_conversations_account_started_idx" ON "bot_conversations" USING btree ("account_id","started_at");
--> statement-breakpoint
CREATE UNIQUE INDEX "bot_intent_examples_text_key" ON "bot_intent_examples" USING btree ("intent_id",lower("text"));
--> statement-breakpoint
CREATE INDEX "bot_intent_examples_account_idx" ON "bot_intent_examples" USING btree ("account_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "bot_intents_account_name_key" ON "bot_intents" USING btree ("account_id",lower("name"));
--> statement-breakpoint
CREATE INDEX "bot_turns_draft_idx" ON "bot_turns" USING btree ("draft_status") WHERE draft_status in ('pending', 'drafting');
--> statement-breakpoint
CREATE INDEX "bot_turns_conversation_idx" ON "bot_turns" USING btree ("conversation_id","created_at");
--> statement-breakpoint
CREATE INDEX "bot_turns_account_created_idx" ON "bot_turns" USING btree ("account_id","created_at");
