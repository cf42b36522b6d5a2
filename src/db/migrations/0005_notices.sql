CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`text` text NOT NULL,
	`text_en` text,
	`link` text,
	`valid_from` text,
	`valid_until` text,
	`is_demo` integer NOT NULL,
	`updated_at` text NOT NULL
);
