CREATE TABLE `owner_open_loads` (
	`entity` text NOT NULL,
	`owner_id` text NOT NULL,
	`open` integer NOT NULL,
	PRIMARY KEY(`entity`, `owner_id`)
);
