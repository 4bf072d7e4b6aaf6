#include "sanding/clock.hpp"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <ctime>
#include <memory>

namespace sanding {

std::string now_iso() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);  // std::gmtime shares one buffer among threads
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

namespace {

std::unique_ptr<icu::TimeZone> zone(std::string_view tz) {
    std::unique_ptr<icu::TimeZone> z(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(
        icu::StringPiece(tz.data(), static_cast<int32_t>(tz.size())))));
    if (!z || *z == icu::TimeZone::getUnknown()) return nullptr;
    return z;
}

}  // namespace

bool known_time_zone(std::string_view tz) {
    return !tz.empty() && zone(tz) != nullptr;
}

long long epoch_seconds(std::string_view iso) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, n = 0;
    const std::string text(iso);
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &n) != 6) {
        if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 ||
            static_cast<std::size_t>(n) != text.size())
            return -1;
    } else {
        const std::string_view rest = std::string_view(text).substr(static_cast<std::size_t>(n));
        if (!(rest.empty() || rest == "Z" || rest == "+00:00")) return -1;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return -1;
    std::tm tm{};
    tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d, tm.tm_hour = h, tm.tm_min = mi,
    tm.tm_sec = s;
    return static_cast<long long>(timegm(&tm));
}

long long utc_offset_seconds(std::string_view tz, long long epoch) {
    auto z = zone(tz);
    if (!z) return 0;
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    z->getOffset(static_cast<UDate>(epoch) * 1000.0, false, raw, dst, status);
    return U_SUCCESS(status) ? (raw + dst) / 1000 : 0;
}

long long end_of_day(std::string_view date, std::string_view tz) {
    if (date.size() != 10) return -1;
    const long long midnight_utc = epoch_seconds(date);
    if (midnight_utc < 0) return -1;
    const long long end_utc = midnight_utc + 86400;
    return end_utc - utc_offset_seconds(tz, end_utc);
}

std::string local_time_text(std::string_view iso_utc, std::string_view tz) {
    const long long t = epoch_seconds(iso_utc);
    if (t < 0) return std::string(iso_utc);
    const std::time_t local = static_cast<std::time_t>(t + utc_offset_seconds(tz, t));
    std::tm tm{};
    gmtime_r(&local, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

std::string time_zone_label(std::string_view tz) {
    if (tz == "Asia/Shanghai" || tz == "Asia/Chongqing" || tz == "Asia/Harbin" ||
        tz == "Asia/Urumqi" || tz == "PRC")
        return tz == "Asia/Urumqi" ? "乌鲁木齐时间" : "北京时间";
    return std::string(tz);
}

}  // namespace sanding
