// The AVX2 paths of text.cpp's whole-file passes, 32 bytes at a time.
//
// UTF-8 validation is the lookup method of Keiser and Lemire
// ("Validating UTF-8 in less than one instruction per byte", 2021): each byte and the one before
// it are classified by three 16-entry tables whose AND names every error a two-byte window can
// show, and the third and fourth bytes of long sequences are checked against the leads two and
// three bytes back. Chinese text is almost all three-byte sequences, so the scalar validator's
// ASCII shortcut never applies and it spent ~4 instructions a byte; this spends under one.
#include "text_simd.hpp"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace sanding::detail {
namespace {

// Error kinds, one bit each; a pair of bytes is bad when all three tables agree on a bit.
constexpr unsigned char kTooShort = 1 << 0;      // a lead not followed by a continuation
constexpr unsigned char kTooLong = 1 << 1;       // ASCII followed by a continuation
constexpr unsigned char kOverlong3 = 1 << 2;     // E0 80–9F
constexpr unsigned char kTooLarge = 1 << 3;      // F4 90–BF, or F5–FF and a continuation
constexpr unsigned char kSurrogate = 1 << 4;     // ED A0–BF
constexpr unsigned char kOverlong2 = 1 << 5;     // C0–C1 and a continuation
constexpr unsigned char kTooLarge1000 = 1 << 6;  // F5–FF 80–8F
constexpr unsigned char kOverlong4 = 1 << 6;     // F0 80–8F (the same bit: both are F_ 8_)
constexpr unsigned char kTwoConts = 1 << 7;      // a continuation after a continuation
constexpr unsigned char kCarry = kTooShort | kTooLong | kTwoConts;

// The same sixteen entries in both 128-bit lanes: vpshufb looks up within a lane.
__attribute__((target("avx2"))) inline __m256i table(const std::array<unsigned char, 16>& t) {
    return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data())));
}

struct Validator {
    __m256i byte1_high, byte1_low, byte2_high, low_nibble;
    __m256i error = _mm256_setzero_si256();
    __m256i previous = _mm256_setzero_si256();  // the block before: ASCII before the first

    __attribute__((target("avx2"))) Validator() {
        // Indexed by the high nibble of the first byte of a pair.
        byte1_high = table({kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,
                            kTooLong,                                              // 0___
                            kTwoConts, kTwoConts, kTwoConts, kTwoConts,            // 10__
                            kTooShort | kOverlong2,                                // 1100
                            kTooShort,                                             // 1101
                            kTooShort | kOverlong3 | kSurrogate,                   // 1110
                            kTooShort | kTooLarge | kTooLarge1000 | kOverlong4});  // 1111
        // By its low nibble.
        byte1_low = table({kCarry | kOverlong3 | kOverlong2 | kOverlong4,  // _0: C0, E0, F0
                           kCarry | kOverlong2,                            // _1: C1
                           kCarry, kCarry,
                           kCarry | kTooLarge,                  // _4: F4
                           kCarry | kTooLarge | kTooLarge1000,  // _5 … _C: F5 …
                           kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
                           kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
                           kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
                           kCarry | kTooLarge | kTooLarge1000,
                           kCarry | kTooLarge | kTooLarge1000 | kSurrogate,  // _D: ED
                           kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000});
        // By the high nibble of the second byte.
        byte2_high = table(
            {kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,
             kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4,  // 8_
             kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge,                   // 9_
             kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,                   // A_
             kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,                   // B_
             kTooShort, kTooShort, kTooShort, kTooShort});
        low_nibble = _mm256_set1_epi8(0x0F);
    }

    // The bytes of `input` shifted by n (1–3) with the last n of the previous block in front.
    template <int n>
    __attribute__((target("avx2"))) static __m256i before(__m256i input, __m256i prev) {
        return _mm256_alignr_epi8(input, _mm256_permute2x128_si256(prev, input, 0x21), 16 - n);
    }

    __attribute__((target("avx2"))) void check(__m256i input) {
        const __m256i prev1 = before<1>(input, previous);
        const __m256i high1 = _mm256_and_si256(_mm256_srli_epi16(prev1, 4), low_nibble);
        const __m256i low1 = _mm256_and_si256(prev1, low_nibble);
        const __m256i high2 = _mm256_and_si256(_mm256_srli_epi16(input, 4), low_nibble);
        const __m256i special =
            _mm256_and_si256(_mm256_and_si256(_mm256_shuffle_epi8(byte1_high, high1),
                                              _mm256_shuffle_epi8(byte1_low, low1)),
                             _mm256_shuffle_epi8(byte2_high, high2));
        // Third bytes (two after an E_ or F_ lead) and fourth bytes (three after an F_ lead) must
        // be continuations, which the tables saw as "two continuations in a row".
        const __m256i prev2 = before<2>(input, previous), prev3 = before<3>(input, previous);
        const __m256i third =
            _mm256_subs_epu8(prev2, _mm256_set1_epi8(static_cast<char>(0xE0 - 1)));
        const __m256i fourth =
            _mm256_subs_epu8(prev3, _mm256_set1_epi8(static_cast<char>(0xF0 - 1)));
        const __m256i must_continue = _mm256_and_si256(
            _mm256_cmpgt_epi8(_mm256_or_si256(third, fourth), _mm256_setzero_si256()),
            _mm256_set1_epi8(static_cast<char>(0x80)));
        error = _mm256_or_si256(error, _mm256_xor_si256(must_continue, special));
        previous = input;
    }

    __attribute__((target("avx2"))) bool ok() const {
        return _mm256_testz_si256(error, error) != 0;
    }
};

// How many of a block's bytes are c.
__attribute__((target("avx2"))) inline std::size_t count_of(__m256i v, char c) {
    return static_cast<std::size_t>(__builtin_popcount(
        static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(c))))));
}

// As utf16_length in text.cpp, a block's units as bits: one per lead or ASCII byte, and one more
// per 4-byte lead (signed: continuation bytes are below -64, 4-byte leads -16 … -1).
__attribute__((target("avx2"))) inline std::pair<unsigned, unsigned> unit_bits(__m256i v) {
    const __m256i zero = _mm256_setzero_si256();
    const unsigned leads =
        static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(v, _mm256_set1_epi8(-65))));
    const unsigned four = static_cast<unsigned>(_mm256_movemask_epi8(
        _mm256_and_si256(_mm256_cmpgt_epi8(v, _mm256_set1_epi8(-17)), _mm256_cmpgt_epi8(zero, v))));
    return {leads, four};
}

enum class Breaks { kNone, kCount, kRecord };  // kRecord counts too

// A block's \n and \r counted (bytes: how many of its bytes are the text's); with kRecord each
// \n noted with the UTF-16 units before it, and the block's units added to *units.
template <Breaks kBreaks>
__attribute__((target("avx2"))) inline void take_breaks(__m256i v, std::size_t at, unsigned bytes,
                                                        std::size_t& line_feeds,
                                                        std::size_t& returns, std::size_t& units,
                                                        std::vector<LineFeed>* feeds) {
    unsigned lf =
        static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('\n'))));
    line_feeds += static_cast<std::size_t>(__builtin_popcount(lf));
    returns += count_of(v, '\r');
    if constexpr (kBreaks == Breaks::kRecord) {
        auto [leads, four] = unit_bits(v);
        if (bytes < 32) leads &= (1u << bytes) - 1;  // not the padding's zeros
        for (; lf; lf &= lf - 1) {
            const unsigned bit = static_cast<unsigned>(__builtin_ctz(lf));
            const unsigned before = (1u << bit) - 1;  // bit < 32
            feeds->push_back(
                {static_cast<std::uint32_t>(at + bit),
                 static_cast<std::uint32_t>(
                     units + static_cast<std::size_t>(__builtin_popcount(leads & before) +
                                                      __builtin_popcount(four & before)))});
        }
        units += static_cast<std::size_t>(__builtin_popcount(leads) + __builtin_popcount(four));
    }
}

template <Breaks kBreaks>
__attribute__((target("avx2"))) bool validate(std::string_view s, LineBreaks* breaks) {
    Validator c;
    const char* p = s.data();
    std::size_t i = 0, line_feeds = 0, returns = 0, units = 0;
    std::vector<LineFeed>* feeds = kBreaks == Breaks::kRecord ? breaks->feeds : nullptr;
    for (; i + 32 <= s.size(); i += 32) {
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
        c.check(v);
        if constexpr (kBreaks != Breaks::kNone)
            take_breaks<kBreaks>(v, i, 32, line_feeds, returns, units, feeds);
        // Now and then, so that a bad file is refused without reading all of it.
        if ((i & 0xFFFF) == 0 && !c.ok()) return false;
    }
    // The rest (0–31 bytes) padded with zeros, which are ASCII: a sequence cut short at the end,
    // here or in the last full block, meets a zero where its next continuation should be.
    alignas(32) char last[32] = {};
    std::memcpy(last, p + i, s.size() - i);
    const __m256i v = _mm256_load_si256(reinterpret_cast<const __m256i*>(last));
    c.check(v);
    if constexpr (kBreaks != Breaks::kNone)
        take_breaks<kBreaks>(v, i, static_cast<unsigned>(s.size() - i), line_feeds, returns, units,
                             feeds);
    if (!c.ok()) return false;
    if constexpr (kBreaks != Breaks::kNone) {
        breaks->line_feeds = line_feeds;
        breaks->carriage_returns = returns;
        breaks->units = units;
        breaks->noted = kBreaks == Breaks::kRecord;
        breaks->counted = true;
    }
    return true;
}

}  // namespace

__attribute__((target("avx2"))) bool utf8_valid_avx2(std::string_view s, LineBreaks* breaks) {
    if (!breaks) return validate<Breaks::kNone>(s, nullptr);
    if (breaks->feeds && s.size() < (std::size_t{1} << 32))
        return validate<Breaks::kRecord>(s, breaks);
    return validate<Breaks::kCount>(s, breaks);
}

__attribute__((target("avx2"))) void utf16_lengths_at_avx2(std::string_view s,
                                                           const std::size_t* at, std::size_t n,
                                                           std::size_t* out) {
    const char* p = s.data();
    std::size_t units = 0, q = 0;  // the units of s[0, q); q a multiple of 32
    for (std::size_t k = 0; k < n; ++k) {
        for (; q + 32 <= at[k]; q += 32) {
            const auto [leads, four] =
                unit_bits(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + q)));
            units += static_cast<std::size_t>(__builtin_popcount(leads) + __builtin_popcount(four));
        }
        // The block holding at[k]: its bytes before at[k] (read from a copy at the end of s).
        const std::size_t part = at[k] - q;
        if (part == 0) {
            out[k] = units;
            continue;
        }
        __m256i v;
        if (q + 32 <= s.size()) {
            v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + q));
        } else {
            alignas(32) char last[32] = {};
            std::memcpy(last, p + q, s.size() - q);
            v = _mm256_load_si256(reinterpret_cast<const __m256i*>(last));
        }
        const auto [leads, four] = unit_bits(v);
        const unsigned before = (1u << part) - 1;  // part < 32
        out[k] = units + static_cast<std::size_t>(__builtin_popcount(leads & before) +
                                                  __builtin_popcount(four & before));
    }
}

__attribute__((target("avx2"))) std::size_t line_break_avx2(std::string_view s, std::size_t from) {
    const char* p = s.data();
    const __m256i nl = _mm256_set1_epi8('\n'), cr = _mm256_set1_epi8('\r');
    std::size_t i = from;
    for (; i + 32 <= s.size(); i += 32) {
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
        if (const unsigned mask = static_cast<unsigned>(_mm256_movemask_epi8(
                _mm256_or_si256(_mm256_cmpeq_epi8(v, nl), _mm256_cmpeq_epi8(v, cr)))))
            return i + static_cast<unsigned>(__builtin_ctz(mask));
    }
    for (; i < s.size(); ++i)
        if (p[i] == '\n' || p[i] == '\r') return i;
    return s.size();
}

bool have_avx2() {
    // SANDING_NO_AVX2 set: the other paths, as on a CPU without it (the tests run them so too).
    static const bool yes = __builtin_cpu_supports("avx2") && !std::getenv("SANDING_NO_AVX2");
    return yes;
}

}  // namespace sanding::detail

#else

namespace sanding::detail {
bool utf8_valid_avx2(std::string_view, LineBreaks*) {
    return false;
}
void utf16_lengths_at_avx2(std::string_view, const std::size_t*, std::size_t, std::size_t*) {}
std::size_t line_break_avx2(std::string_view s, std::size_t) {
    return s.size();
}
bool have_avx2() {
    return false;
}
}  // namespace sanding::detail

#endif
