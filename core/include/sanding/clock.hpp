// Times: stored and exchanged in UTC (ISO 8601, seconds), shown to users in a named time zone.
#pragma once

#include <string>
#include <string_view>

namespace sanding {

// Now in UTC as "2026-12-03T06:05:09Z". Thread-safe.
std::string now_iso();

// True when `tz` is an IANA time zone this build knows (ICU's data), e.g. "Asia/Shanghai".
bool known_time_zone(std::string_view tz);

// "2026-12-03T06:05:09Z" in zone `tz` as "2026-12-03 14:05". An unparsable time comes back as
// given; an unknown zone is taken as UTC.
std::string local_time_text(std::string_view iso_utc, std::string_view tz);

// The zone's offset from UTC at that moment, in seconds (0 for an unknown zone).
long long utc_offset_seconds(std::string_view tz, long long epoch);

// The moment a whole day ends (24:00) in the zone, as seconds since the epoch; date "2026-12-31";
// -1 when it is not a date.
long long end_of_day(std::string_view date, std::string_view tz);

// What users call the zone: "北京时间" for China's zones, otherwise the zone's id.
std::string time_zone_label(std::string_view tz);

// Seconds since the epoch of "2026-12-03T06:05:09Z" (or "…+00:00", or a bare date as 00:00 UTC);
// -1 when it is not such a time.
long long epoch_seconds(std::string_view iso_utc);

}  // namespace sanding
