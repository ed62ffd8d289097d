CREATE TABLE `template_installs` (
	`name` text PRIMARY KEY NOT NULL,
	`version` text NOT NULL,
	`spec` text NOT NULL,
	`spec_version` integer,
	`installed_at` integer NOT NULL,
	`installed_by` text
);
