CREATE TABLE `account_holders` (
	`account_id` text NOT NULL,
	`holder_type` text NOT NULL,
	`holder_id` text NOT NULL,
	PRIMARY KEY(`account_id`, `holder_type`, `holder_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `account_holders_holder` ON `account_holders` (`holder_type`,`holder_id`);--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`handle` text NOT NULL,
	`url` text NOT NULL,
	`verified_since` text NOT NULL,
	`is_demo` integer NOT NULL,
	`updated_at` text
);
--> statement-breakpoint
CREATE TABLE `addresses` (
	`street_id` integer NOT NULL,
	`number` integer NOT NULL,
	`suffix` text NOT NULL,
	`postcode` text NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	FOREIGN KEY (`street_id`) REFERENCES `streets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `addresses_street_number` ON `addresses` (`street_id`,`number`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`officer_id` text NOT NULL,
	`district_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`officer_id`, `district_id`, `role`),
	FOREIGN KEY (`officer_id`) REFERENCES `officers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assignments_district` ON `assignments` (`district_id`);--> statement-breakpoint
CREATE TABLE `data_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`attribution` text NOT NULL,
	`licence` text NOT NULL,
	`licence_url` text NOT NULL,
	`url` text NOT NULL,
	`shown_on_map` integer NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `directorates` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`geometry` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `districts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`kreis_ags` text NOT NULL,
	`inspection_id` text NOT NULL,
	`station_id` text,
	`population` integer NOT NULL,
	`area_km2` real NOT NULL,
	`centre_lat` real NOT NULL,
	`centre_lon` real NOT NULL,
	`geometry` text NOT NULL,
	FOREIGN KEY (`kreis_ags`) REFERENCES `kreise`(`ags`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `districts_inspection` ON `districts` (`inspection_id`);--> statement-breakpoint
CREATE TABLE `inspections` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`directorate_id` text NOT NULL,
	`responsibility_verified` integer NOT NULL,
	`source_url` text NOT NULL,
	`geometry` text NOT NULL,
	FOREIGN KEY (`directorate_id`) REFERENCES `directorates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inspections_directorate` ON `inspections` (`directorate_id`);--> statement-breakpoint
CREATE TABLE `kreise` (
	`ags` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`inspection_id` text NOT NULL,
	`responsibility_verified` integer NOT NULL,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `municipalities` (
	`ags` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`district_id` text NOT NULL,
	`population` integer NOT NULL,
	`centre_lat` real NOT NULL,
	`centre_lon` real NOT NULL,
	`geometry` text NOT NULL,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `municipalities_district` ON `municipalities` (`district_id`);--> statement-breakpoint
CREATE TABLE `officers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`rank` text NOT NULL,
	`role_title` text,
	`station_id` text NOT NULL,
	`phone` text NOT NULL,
	`email` text NOT NULL,
	`office_hours` text NOT NULL,
	`photo` text,
	`is_demo` integer NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `postcode_areas` (
	`postcode` text NOT NULL,
	`ags` text NOT NULL,
	`place_name` text NOT NULL,
	PRIMARY KEY(`postcode`, `ags`),
	FOREIGN KEY (`ags`) REFERENCES `municipalities`(`ags`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `postcode_areas_ags` ON `postcode_areas` (`ags`);--> statement-breakpoint
CREATE TABLE `stations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`inspection_id` text NOT NULL,
	`street` text NOT NULL,
	`postcode` text NOT NULL,
	`city` text NOT NULL,
	`phone` text NOT NULL,
	`email` text NOT NULL,
	`office_hours` text NOT NULL,
	`is_demo` integer NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stations_inspection` ON `stations` (`inspection_id`);--> statement-breakpoint
CREATE TABLE `streets` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_norm` text NOT NULL,
	`ags` text NOT NULL,
	`district_id` text NOT NULL,
	`place_norm` text NOT NULL,
	`postcodes` text NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`address_count` integer NOT NULL,
	`source` text NOT NULL,
	FOREIGN KEY (`ags`) REFERENCES `municipalities`(`ags`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `streets_ags` ON `streets` (`ags`);