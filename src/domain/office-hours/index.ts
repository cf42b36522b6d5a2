/** Office hours as data: the OSM opening_hours syntax, public holidays of Niedersachsen, Berlin time. */
export {
  officeHours,
  readOpeningHours,
  upcomingSessions,
  type OfficeHours,
  type OpeningHoursReading,
  type Session,
  type Weekday,
  type WeeklySlot,
} from './opening-hours';
export { BERLIN, berlinWallClock, instantOfWallClock, type WallTime } from './berlin-time';
