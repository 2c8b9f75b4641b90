export { easterSunday, isPublicHoliday, publicHolidays, HOLIDAY_COUNTRIES, type CalendarDate } from './holidays.js';
export { countryZones, ZONE_COUNTRIES } from './country-zones.js';
export { areaCodeZones, NANP_AREA_CODES } from './nanp-area-codes.js';
export { recipientZones, type RecipientZones } from './recipient-zones.js';
export {
  isAllowed,
  nextAllowed,
  normalizeWindow,
  windowApplies,
  windowProblems,
  MESSAGE_CATEGORIES,
  WINDOW_SCOPES,
  type MessageCategory,
  type SendingWindow,
  type WindowProblem,
  type WindowScope,
} from './window.js';
export { isKnownZone, localDateTime, offsetAt, zonedInstant, type LocalDateTime } from './zoned-time.js';
