CREATE TABLE `localities` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`source_names` text NOT NULL,
	`ags` text NOT NULL,
	`postcodes` text NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	FOREIGN KEY (`ags`) REFERENCES `municipalities`(`ags`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `localities_ags` ON `localities` (`ags`);--> statement-breakpoint
CREATE TABLE `outside_places` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`postcode` text NOT NULL,
	`police_id` text NOT NULL,
	`kreis` text NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	FOREIGN KEY (`police_id`) REFERENCES `state_police`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `state_police` (
	`id` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`state_code` text NOT NULL,
	`name` text NOT NULL,
	`url` text NOT NULL,
	`note` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `streets` ADD `located` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `streets` ADD `borough` text;--> statement-breakpoint
ALTER TABLE `streets` ADD `suburb` text;