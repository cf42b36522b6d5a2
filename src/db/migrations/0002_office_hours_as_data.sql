ALTER TABLE `officers` ADD `opening_hours` text NOT NULL;--> statement-breakpoint
ALTER TABLE `stations` ADD `opening_hours` text NOT NULL;--> statement-breakpoint
ALTER TABLE `stations` ADD `lat` real;--> statement-breakpoint
ALTER TABLE `stations` ADD `lon` real;