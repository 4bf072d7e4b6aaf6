#include "sanding/json_value.hpp"

#include "sanding/error.hpp"

namespace sanding {

JsonValue::JsonValue() = default;
JsonValue::JsonValue(const JsonValue&) = default;
JsonValue::JsonValue(JsonValue&&) noexcept = default;
JsonValue& JsonValue::operator=(const JsonValue&) = default;
JsonValue& JsonValue::operator=(JsonValue&&) noexcept = default;
JsonValue::~JsonValue() = default;
namespace {

constexpr int kMaxDepth = 32;

class Reader {
public:
    explicit Reader(std::string_view t) : t_(t) {}

    JsonValue document() {
        JsonValue v = value(0);
        space();
        if (i_ != t_.size()) fail("JSON 末尾有多余内容");
        return v;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw Error("json.invalid", "JSON 无效（第 " + std::to_string(i_) + " 字节）：" + what);
    }
    void space() {
        while (i_ < t_.size() &&
               (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\r' || t_[i_] == '\t'))
            ++i_;
    }
    bool take(char c) {
        space();
        if (i_ < t_.size() && t_[i_] == c) return ++i_, true;
        return false;
    }
    void expect(char c) {
        if (!take(c)) fail(std::string("应为“") + c + "”");
    }
    bool word(std::string_view w) {
        if (t_.substr(i_, w.size()) != w) return false;
        i_ += w.size();
        return true;
    }

    JsonValue value(int depth) {
        if (depth > kMaxDepth) fail("嵌套过深");
        space();
        if (i_ >= t_.size()) fail("内容不完整");
        JsonValue v;
        const char c = t_[i_];
        if (c == '{') {
            ++i_;
            v.kind = JsonValue::Kind::Object;
            if (take('}')) return v;
            do {
                space();
                std::string key = string();
                for (const auto& m : v.members)
                    if (m.first == key)
                        throw Error("json.duplicate_key", "JSON 对象中有重复的键：" + key);
                expect(':');
                v.members.emplace_back(std::move(key), value(depth + 1));
            } while (take(','));
            expect('}');
        } else if (c == '[') {
            ++i_;
            v.kind = JsonValue::Kind::Array;
            if (take(']')) return v;
            do v.items.push_back(value(depth + 1));
            while (take(','));
            expect(']');
        } else if (c == '"') {
            v.kind = JsonValue::Kind::String;
            v.text = string();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            v.kind = JsonValue::Kind::Integer;
            v.integer = integer();
        } else if (word("true")) {
            v.kind = JsonValue::Kind::Bool, v.boolean = true;
        } else if (word("false")) {
            v.kind = JsonValue::Kind::Bool;
        } else if (!word("null")) {
            fail("无法识别的值");
        }
        return v;
    }

    long long integer() {
        bool neg = t_[i_] == '-';
        if (neg) ++i_;
        std::size_t start = i_;
        unsigned long long n = 0;
        while (i_ < t_.size() && t_[i_] >= '0' && t_[i_] <= '9') {
            if (n > 1000000000000000000ULL) fail("整数过大");
            n = n * 10 + static_cast<unsigned>(t_[i_++] - '0');
        }
        if (i_ == start || (i_ - start > 1 && t_[start] == '0')) fail("整数格式无效");
        if (i_ < t_.size() && (t_[i_] == '.' || t_[i_] == 'e' || t_[i_] == 'E')) fail("不支持小数");
        return neg ? -static_cast<long long>(n) : static_cast<long long>(n);
    }

    unsigned hex4() {
        if (i_ + 4 > t_.size()) fail("\\u 转义不完整");
        unsigned u = 0;
        for (int k = 0; k < 4; ++k) {
            const char h = t_[i_++];
            u <<= 4;
            if (h >= '0' && h <= '9')
                u |= static_cast<unsigned>(h - '0');
            else if (h >= 'a' && h <= 'f')
                u |= static_cast<unsigned>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                u |= static_cast<unsigned>(h - 'A' + 10);
            else
                fail("\\u 转义无效");
        }
        return u;
    }

    static void utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6)),
                out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12)),
                out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18)),
                out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    std::string string() {
        if (i_ >= t_.size() || t_[i_] != '"') fail("应为字符串");
        ++i_;
        std::string out;
        while (true) {
            if (i_ >= t_.size()) fail("字符串没有结束");
            const char c = t_[i_++];
            if (c == '"') break;
            if (static_cast<unsigned char>(c) < 0x20) fail("字符串中有控制字符");
            if (c != '\\') {
                out += c;
                continue;
            }
            if (i_ >= t_.size()) fail("转义不完整");
            switch (t_[i_++]) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned cp = hex4();
                    if (cp >= 0xD800 && cp < 0xDC00) {
                        if (!word("\\u")) fail("缺少低位代理");
                        const unsigned lo = hex4();
                        if (lo < 0xDC00 || lo > 0xDFFF) fail("低位代理无效");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        fail("孤立的低位代理");
                    }
                    utf8(out, cp);
                    break;
                }
                default: fail("未知的转义");
            }
        }
        return out;
    }

    std::string_view t_;
    std::size_t i_ = 0;
};

const JsonValue kNull{};

}  // namespace

const JsonValue& JsonValue::operator[](std::string_view key) const {
    for (const auto& m : members)
        if (m.first == key) return m.second;
    return kNull;
}

JsonValue parse_json(std::string_view text) {
    return Reader(text).document();
}

}  // namespace sanding
