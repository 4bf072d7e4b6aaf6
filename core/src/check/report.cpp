#include "sanding/check/report.hpp"

#include <cstdio>

#include "sanding/text.hpp"

namespace sanding {

Summary summarize(const std::vector<Finding>& findings) {
    Summary s;
    for (const auto& f : findings) {
        switch (f.severity) {
            case Severity::Error: ++s.errors; break;
            case Severity::Warning: ++s.warnings; break;
            case Severity::Info: ++s.infos; break;
        }
    }
    return s;
}

void json_string(std::string& out, std::string_view s) {
    out += '"';
    for (char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

namespace {

// Per paragraph, where it starts in the file in UTF-8 bytes and UTF-16 units (plain text input).
struct FileOffsets {
    std::vector<std::size_t> utf16;
    explicit FileOffsets(const ReportInput& in) {
        if (!in.file_offsets || !in.doc) return;
        utf16.reserve(in.doc->paragraphs.size());
        std::size_t units = 0, last = 0;
        // Paragraph starts are increasing; count the UTF-16 units of the gaps (line ends) too.
        std::string_view prev_text;
        for (const auto& p : in.doc->paragraphs) {
            if (!utf16.empty()) units += utf16_length(prev_text) + (p.source_offset - last - prev_text.size());
            utf16.push_back(units);
            last = p.source_offset;
            prev_text = p.text;
        }
    }
};

void append_number(std::string& out, std::size_t n) {
    char buf[24];
    int len = std::snprintf(buf, sizeof buf, "%zu", n);
    out.append(buf, static_cast<std::size_t>(len));
}

}  // namespace

std::string report_text(const std::vector<Finding>& findings, const ReportInput& in) {
    std::string out;
    out.reserve(findings.size() * 120);
    for (const auto& f : findings) {
        out += in.file;
        out += ':';
        append_number(out, static_cast<std::size_t>(f.line));
        out += ':';
        append_number(out, static_cast<std::size_t>(f.column));
        out += ": ";
        out += to_string(f.severity);
        out += ": ";
        out += f.message;
        out += " [";
        out += f.rule;
        out += ']';
        if (!f.suggestions.empty()) {
            out += " → ";
            out += f.suggestions.front().empty() ? "（删除）" : "“" + f.suggestions.front() + "”";
        }
        out += '\n';
    }
    Summary s = summarize(findings);
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s: 共 %d 处：错误 %d，警告 %d，提示 %d\n", in.file.c_str(), s.total(), s.errors,
                  s.warnings, s.infos);
    out += buf;
    return out;
}

std::string report_json(const std::vector<Finding>& findings, const ReportInput& in) {
    FileOffsets offsets(in);
    std::string out = "{\"findings\":[";
    out.reserve(findings.size() * 400 + 200);
    bool first = true;
    for (const auto& f : findings) {
        if (!first) out += ',';
        first = false;
        std::size_t base8 = 0, base16 = 0;
        if (in.file_offsets && in.doc) {
            base8 = in.doc->paragraphs[f.paragraph].source_offset;
            base16 = offsets.utf16[f.paragraph];
        }
        out += "{\"rule\":";
        json_string(out, f.rule);
        out += ",\"severity\":\"";
        out += to_string(f.severity);
        out += "\",\"category\":\"";
        out += to_string(f.category);
        out += "\",\"message\":";
        json_string(out, f.message);
        out += ",\"suggestions\":[";
        for (std::size_t i = 0; i < f.suggestions.size(); ++i) {
            if (i) out += ',';
            json_string(out, f.suggestions[i]);
        }
        out += "],\"safe_fix\":";
        out += f.safe_fix ? "true" : "false";
        out += ",\"offset_utf8\":";
        append_number(out, base8 + f.offset_utf8);
        out += ",\"length_utf8\":";
        append_number(out, f.length_utf8);
        out += ",\"offset_utf16\":";
        append_number(out, base16 + f.offset_utf16);
        out += ",\"length_utf16\":";
        append_number(out, f.length_utf16);
        out += ",\"paragraph\":";
        append_number(out, static_cast<std::size_t>(f.paragraph));
        out += ",\"line\":";
        append_number(out, static_cast<std::size_t>(f.line));
        out += ",\"column\":";
        append_number(out, static_cast<std::size_t>(f.column));
        out += ",\"article\":";
        if (f.article.empty()) out += "null";
        else json_string(out, f.article);
        out += '}';
    }
    Summary s = summarize(findings);
    out += "],\"summary\":{\"file\":";
    json_string(out, in.file);
    out += ",\"body\":";
    if (in.body.empty()) out += "null";
    else json_string(out, in.body);
    out += ",\"paragraphs\":";
    append_number(out, in.doc ? in.doc->paragraphs.size() : 0);
    out += ",\"total\":" + std::to_string(s.total()) + ",\"errors\":" + std::to_string(s.errors) +
           ",\"warnings\":" + std::to_string(s.warnings) + ",\"infos\":" + std::to_string(s.infos) + "}}\n";
    return out;
}

}  // namespace sanding
