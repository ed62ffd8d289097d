ALTER TABLE `import_jobs` ADD `lease_holder` text;--> statement-breakpoint
ALTER TABLE `import_jobs` ADD `lease_until` integer;