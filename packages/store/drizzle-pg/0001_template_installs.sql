CREATE TABLE "template_installs" (
	"name" text COLLATE "C" PRIMARY KEY NOT NULL,
	"version" text COLLATE "C" NOT NULL,
	"spec" text COLLATE "C" NOT NULL,
	"spec_version" integer,
	"installed_at" bigint NOT NULL,
	"installed_by" text COLLATE "C"
);
