CREATE TABLE `boroughs` (
	`id` text PRIMARY KEY NOT NULL,
	`city_id` text NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer NOT NULL,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `boroughs_city` ON `boroughs` (`city_id`);--> statement-breakpoint
CREATE TABLE `cities` (
	`id` text PRIMARY KEY NOT NULL,
	`ags` text NOT NULL,
	`name` text NOT NULL,
	`district_type` text NOT NULL,
	`borough_type` text,
	`source_id` text NOT NULL,
	`former_type` text NOT NULL,
	`kreis_ags` text NOT NULL,
	`inspection_id` text NOT NULL,
	`population` integer NOT NULL,
	`area_km2` real NOT NULL,
	`centre_lat` real NOT NULL,
	`centre_lon` real NOT NULL,
	`geometry` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `data_sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`kreis_ags`) REFERENCES `kreise`(`ags`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cities_ags_unique` ON `cities` (`ags`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_municipalities` (
	`ags` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`district_id` text NOT NULL,
	`population` integer NOT NULL,
	`centre_lat` real NOT NULL,
	`centre_lon` real NOT NULL,
	`geometry` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_municipalities`("ags", "name", "type", "district_id", "population", "centre_lat", "centre_lon", "geometry") SELECT "ags", "name", "type", "district_id", "population", "centre_lat", "centre_lon", "geometry" FROM `municipalities`;--> statement-breakpoint
DROP TABLE `municipalities`;--> statement-breakpoint
ALTER TABLE `__new_municipalities` RENAME TO `municipalities`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `municipalities_district` ON `municipalities` (`district_id`);--> statement-breakpoint
CREATE TABLE `__new_streets` (
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
	`located` integer DEFAULT true NOT NULL,
	`borough` text,
	`suburb` text,
	FOREIGN KEY (`ags`) REFERENCES `municipalities`(`ags`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_streets`("id", "name", "name_norm", "ags", "district_id", "place_norm", "postcodes", "lat", "lon", "address_count", "source", "located", "borough", "suburb") SELECT "id", "name", "name_norm", "ags", "district_id", "place_norm", "postcodes", "lat", "lon", "address_count", "source", "located", "borough", "suburb" FROM `streets`;--> statement-breakpoint
DROP TABLE `streets`;--> statement-breakpoint
ALTER TABLE `__new_streets` RENAME TO `streets`;--> statement-breakpoint
CREATE INDEX `streets_ags` ON `streets` (`ags`);--> statement-breakpoint
CREATE TABLE `__new_districts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`kreis_ags` text NOT NULL,
	`inspection_id` text NOT NULL,
	`station_id` text,
	`population` integer,
	`area_km2` real NOT NULL,
	`centre_lat` real NOT NULL,
	`centre_lon` real NOT NULL,
	`geometry` text NOT NULL,
	`city_id` text,
	`borough_id` text,
	FOREIGN KEY (`kreis_ags`) REFERENCES `kreise`(`ags`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `stations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`borough_id`) REFERENCES `boroughs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_districts`("id", "name", "type", "kreis_ags", "inspection_id", "station_id", "population", "area_km2", "centre_lat", "centre_lon", "geometry") SELECT "id", "name", "type", "kreis_ags", "inspection_id", "station_id", "population", "area_km2", "centre_lat", "centre_lon", "geometry" FROM `districts`;--> statement-breakpoint
DROP TABLE `districts`;--> statement-breakpoint
ALTER TABLE `__new_districts` RENAME TO `districts`;--> statement-breakpoint
CREATE INDEX `districts_inspection` ON `districts` (`inspection_id`);--> statement-breakpoint
CREATE INDEX `districts_city` ON `districts` (`city_id`);