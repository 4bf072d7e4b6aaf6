#include "sanding/check/report.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>

#include "parallel.hpp"
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

void json_member(std::string& out, std::string_view key, std::string_view value, bool first) {
    if (!first) out += ',';
    out += '"';
    out += key;
    out += "\":";
    json_string(out, value);
}

void json_string(std::string& out, std::string_view s) {
    out += '"';
    std::size_t run = 0;  // start of the bytes not yet appended: copied in runs, not one by one
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            }
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

namespace {

// Where a finding's paragraph starts in the file in UTF-16 units (plain text input): the units
// of the paragraphs before it and of their line ends. Paragraphs read in place from the file are
// counted over its bytes, up to the paragraphs that have findings only (a few thousand in a
// 10 MB corpus of 80,000 lines), in pieces on every core, each piece then moved by the pieces
// before it; copied paragraphs are counted one by one.
class FileOffsets {
public:
    FileOffsets(const ReportInput& in, const std::vector<Finding>& findings) {
        if (!in.file_offsets || in.paragraphs.empty()) return;
        const ParagraphSpan ps = in.paragraphs;
        if (in.utf16_starts.size() == ps.size()) {  // found while the text was split
            known_ = in.utf16_starts;
            return;
        }
        // In place: the first paragraph and those with findings are views of the source at their
        // own offsets (their offsets are then counted over the source's bytes; the others are
        // not looked at).
        bool in_place = !in.source.empty();
        const auto source = reinterpret_cast<std::uintptr_t>(in.source.data());
        auto is_view = [&](const ParagraphView& p) {
            return p.source_offset + p.text.size() <= in.source.size() &&
                   reinterpret_cast<std::uintptr_t>(p.text.data()) == source + p.source_offset;
        };
        in_place = in_place && is_view(ps[0]);
        for (std::size_t i = 0; i < findings.size() && in_place; ++i)
            in_place = static_cast<std::size_t>(findings[i].paragraph) < ps.size() &&
                       is_view(ps[static_cast<std::size_t>(findings[i].paragraph)]);
        if (in_place)
            count_in_place(in.source, ps, findings);
        else
            count_each(ps);
    }

    // Units before paragraph p, one that has a finding.
    std::size_t at(int paragraph) const {
        if (!known_.empty()) return known_[static_cast<std::size_t>(paragraph)];
        if (!wanted_.empty()) {
            const auto it = std::lower_bound(wanted_.begin(), wanted_.end(),
                                             static_cast<std::size_t>(paragraph));
            return units_[static_cast<std::size_t>(it - wanted_.begin())];
        }
        return units_[static_cast<std::size_t>(paragraph)];
    }

private:
    std::span<const std::uint32_t> known_;  // every paragraph's, as given
    std::vector<std::size_t> wanted_;       // in place: the findings' paragraphs, ascending
    std::vector<std::size_t> units_;  // their offsets (or, without wanted_, every paragraph's)

    void count_in_place(std::string_view source, ParagraphSpan ps,
                        const std::vector<Finding>& findings) {
        for (const auto& f : findings) wanted_.push_back(static_cast<std::size_t>(f.paragraph));
        std::sort(wanted_.begin(), wanted_.end());
        wanted_.erase(std::unique(wanted_.begin(), wanted_.end()), wanted_.end());
        if (wanted_.empty()) return;
        // Offsets count from the first paragraph (after a byte-order mark).
        const std::size_t origin = ps[0].source_offset;
        units_.resize(wanted_.size());
        for (std::size_t j = 0; j < wanted_.size(); ++j)
            units_[j] = ps[wanted_[j]].source_offset - origin;
        const std::string_view bytes = source.substr(origin, units_.back());
        // Pieces of about equal bytes, each from the previous piece's last offset (or the first
        // paragraph) to its own last one.
        const std::size_t pieces = std::min(pieces_for(bytes.size()), wanted_.size());
        std::vector<std::size_t> first(pieces + 1, wanted_.size());
        for (std::size_t k = 0; k < pieces; ++k)
            first[k] = static_cast<std::size_t>(
                std::lower_bound(units_.begin(), units_.end(), bytes.size() * k / pieces) -
                units_.begin());
        first[0] = 0;
        std::vector<std::size_t> start(pieces, 0);  // read before the pieces overwrite them
        for (std::size_t k = 1; k < pieces; ++k)
            if (first[k] > 0) start[k] = units_[first[k] - 1];
        run_pieces(pieces, [&](std::size_t k) {
            const std::size_t from = first[k], to = std::max(first[k + 1], from);
            if (from == to) return;
            std::size_t* out = units_.data() + from;
            for (std::size_t j = 0; j < to - from; ++j) out[j] -= start[k];
            utf16_lengths_at(bytes.substr(start[k], out[to - from - 1]), out, to - from, out);
        });
        // Each piece's counts start where the piece before it ended.
        for (std::size_t k = 1; k < pieces; ++k) {
            const std::size_t from = first[k], to = std::max(first[k + 1], from);
            if (from == 0 || from == to) continue;
            const std::size_t before = units_[from - 1];
            for (std::size_t j = from; j < to; ++j) units_[j] += before;
        }
    }

    void count_each(ParagraphSpan ps) {
        units_.resize(ps.size());
        std::size_t units = 0;
        for (std::size_t i = 0; i < ps.size(); ++i) {
            units_[i] = units;
            units += utf16_length(ps[i].text);
            if (i + 1 < ps.size())  // the line end
                units += ps[i + 1].source_offset - ps[i].source_offset - ps[i].text.size();
        }
    }
};

// to_chars, not snprintf: eight numbers per finding, and snprintf's format parsing was most of
// the time spent writing a large report.
void append_number(std::string& out, std::size_t n) {
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, n).ptr;
    out.append(buf, static_cast<std::size_t>(end - buf));
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
    std::snprintf(buf, sizeof buf, "%s: 共 %d 处：错误 %d，警告 %d，提示 %d\n", in.file.c_str(),
                  s.total(), s.errors, s.warnings, s.infos);
    out += buf;
    return out;
}

namespace {

void append_finding_json(std::string& out, const Finding& f, const ReportInput& in,
                         const FileOffsets& offsets) {
    std::size_t base8 = 0, base16 = 0;
    if (in.file_offsets && !in.paragraphs.empty()) {
        base8 = in.paragraphs[static_cast<std::size_t>(f.paragraph)].source_offset;
        base16 = offsets.at(f.paragraph);
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
    if (f.article.empty())
        out += "null";
    else
        json_string(out, f.article);
    out += '}';
}

}  // namespace

std::vector<std::string> report_json_pieces(const std::vector<Finding>& findings,
                                            const ReportInput& in) {
    const FileOffsets offsets(in, findings);
    // Many findings are written in pieces on every core; the first piece opens the report and
    // the last one closes it.
    const std::size_t pieces = findings.size() >= 1000 ? worker_count() : 1;
    std::vector<std::string> parts(pieces);
    run_pieces(pieces, [&](std::size_t k) {
        const auto [from, to] = piece_range(findings.size(), pieces, k);
        std::string& part = parts[k];
        part.reserve((to - from) * 400 + (k == 0 ? 16 : 0) +
                     (k + 1 == pieces ? 256 + in.file.size() : 0));
        if (k == 0) part = "{\"findings\":[";
        for (std::size_t i = from; i < to; ++i) {
            if (i > 0) part += ',';
            append_finding_json(part, findings[i], in, offsets);
        }
    });
    std::string& out = parts.back();
    Summary s = summarize(findings);
    out += "],\"summary\":{\"file\":";
    json_string(out, in.file);
    out += ",\"body\":";
    if (in.body.empty())
        out += "null";
    else
        json_string(out, in.body);
    out += ",\"paragraphs\":";
    append_number(out, in.paragraphs.size());
    out += ",\"total\":" + std::to_string(s.total()) + ",\"errors\":" + std::to_string(s.errors) +
           ",\"warnings\":" + std::to_string(s.warnings) + ",\"infos\":" + std::to_string(s.infos) +
           "}}\n";
    return parts;
}

std::string report_json(const std::vector<Finding>& findings, const ReportInput& in) {
    std::vector<std::string> parts = report_json_pieces(findings, in);
    if (parts.size() == 1) return std::move(parts[0]);
    std::size_t size = 0;
    for (const auto& part : parts) size += part.size();
    std::string out;
    out.reserve(size);
    for (const auto& part : parts) out += part;
    return out;
}

}  // namespace sanding
