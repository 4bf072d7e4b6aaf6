// Plain text into paragraphs: validated as UTF-8 and split at line ends, a large text in pieces on
// every core.
#include "sanding/text_input.hpp"

#include <algorithm>
#include <cstring>
#include <new>

#include "parallel.hpp"
#include "sanding/error.hpp"
#include "sanding/text.hpp"

namespace sanding {

namespace {

// Calls line(start, end, index) for each paragraph of text[from, to), where `to` is just past a
// line end or the end of the text; the empty paragraph after a final line end belongs to the end of
// the text only. Returns how many there were.
template <class Line>
std::size_t for_each_line(std::string_view text, std::size_t from, std::size_t to, Line line) {
    std::size_t n = 0;
    for (std::size_t start = from; start < to || to == text.size();) {
        const std::size_t end =
            find_line_break(text.substr(0, to), start);  // \n, \r\n or a lone \r
        line(start, end, n++);
        if (end == text.size()) break;
        start = end + (holds_at(text, end, "\r\n") ? 2 : 1);
    }
    return n;
}

}  // namespace

Document document_from_text(std::string_view text) {
    Document doc;
    const TextParagraphs views = text_paragraphs(text);
    doc.paragraphs.reserve(views.size());
    for (const auto& v : views)
        doc.paragraphs.push_back({std::string(v.text), ParagraphKind::Body, v.source_offset});
    return doc;
}

void TextParagraphs::Free::operator()(ParagraphView* p) const noexcept {
    ::operator delete[](p);  // its views are trivially destructible: nothing else to end
}

TextParagraphs text_paragraphs(std::string_view text) {
    return text_paragraphs(text, nullptr);
}

TextParagraphs text_paragraphs(std::string_view text, std::vector<std::uint32_t>* utf16_starts) {
    if (utf16_starts) utf16_starts->clear();
    std::size_t start = 0;
    if (starts_with(text, "\xEF\xBB\xBF")) start = 3;  // BOM
    // A large text (a corpus of drafts) is validated and split in pieces on every core, each
    // piece ending at a line end (ASCII, so never inside a character).
    const std::size_t pieces = pieces_for(text.size());
    std::vector<std::size_t> bounds = {start};
    for (std::size_t k = 1; k < pieces; ++k) {
        const std::size_t at = std::max(bounds.back(), start + (text.size() - start) * k / pieces);
        const void* nl =
            at < text.size() ? std::memchr(text.data() + at, '\n', text.size() - at) : nullptr;
        if (!nl) break;
        bounds.push_back(static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) + 1);
    }
    bounds.push_back(text.size());
    // Counted first, so that each piece fills its own run of one vector: no vector grows, and
    // no paragraph is moved again to join the pieces.
    struct Piece {
        bool valid = true;
        std::size_t bad = 0;
        std::size_t first = 0, count = 0;  // its paragraphs' place in the document
        std::vector<LineFeed> feeds;       // its \n, when the validation noted them
        std::size_t units = 0;             // its UTF-16 units, then: those of the pieces before it
        bool noted = false;                // its lines are where feeds says
    };
    std::vector<Piece> done(bounds.size() - 1);
    run_pieces(done.size(), [&](std::size_t k) {
        const std::string_view piece = text.substr(bounds[k], bounds[k + 1] - bounds[k]);
        LineBreaks breaks;
        breaks.feeds = &done[k].feeds;
        done[k].feeds.reserve(piece.size() / 64);  // a line is some hundred bytes
        done[k].valid = is_valid_utf8(piece, &done[k].bad, &breaks);
        done[k].bad += bounds[k];
        if (piece.empty()) done[k].noted = true;  // no lines, no units (an empty last piece)
        if (!done[k].valid || piece.empty()) return;
        // A piece's lines end in its line feeds, and the text's last piece has one more (empty
        // when the text ends in a line end): noted by the validation where the CPU allows it.
        // With carriage returns (\r\n, a lone \r), or not noted, they are walked.
        done[k].noted = breaks.noted && breaks.carriage_returns == 0;
        done[k].units = breaks.units;
        if (done[k].noted)
            done[k].count = breaks.line_feeds + (bounds[k + 1] == text.size() ? 1 : 0);
        else
            done[k].count = for_each_line(text, bounds[k], bounds[k + 1],
                                          [](std::size_t, std::size_t, std::size_t) {});
    });
    for (const Piece& p : done) {
        if (p.valid) continue;
        const std::size_t line =
            1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + p.bad, '\n'));
        throw Error("check.invalid_utf8", "第 " + std::to_string(line) +
                                              " 行含有无效的 UTF-8 字节（文件偏移 " +
                                              std::to_string(p.bad) + "）；请以 UTF-8 编码保存");
    }
    if (trim_front(text.substr(start)).empty()) throw Error("check.empty", "文件中没有文字");
    std::size_t total = 0, units = 0;
    bool all_noted = true;
    for (Piece& p : done) {
        p.first = total, total += p.count;
        const std::size_t own = p.units;
        p.units = units, units += own;
        all_noted = all_noted && p.noted;
    }
    // Where each paragraph starts in UTF-16 units, when every piece's line feeds were noted (and
    // the units fit the list).
    const bool starts_known = utf16_starts && all_noted && units < (std::size_t{1} << 32);
    if (starts_known) utf16_starts->resize(total);
    // Raw storage, each piece constructing its own run of views in it: the pages are first
    // touched on every core, and not zeroed by one thread before.
    TextParagraphs paragraphs;
    paragraphs.views_.reset(static_cast<ParagraphView*>(
        ::operator new[](std::max<std::size_t>(total, 1) * sizeof(ParagraphView))));
    paragraphs.size_ = total;
    run_pieces(done.size(), [&](std::size_t k) {
        ParagraphView* out = paragraphs.views_.get() + done[k].first;
        if (done[k].count == 0) return;
        if (done[k].noted) {
            // From the noted line feeds: a line from each line's start to its \n, and in the last
            // piece the line after the last \n, to the end of the text.
            std::uint32_t* starts = starts_known ? utf16_starts->data() + done[k].first : nullptr;
            const auto base = static_cast<std::uint32_t>(done[k].units);
            std::size_t from = bounds[k], i = 0;
            std::uint32_t units_from = 0;  // within the piece
            for (const LineFeed& f : done[k].feeds) {
                const std::size_t end = bounds[k] + f.at;
                if (starts) starts[i] = base + units_from;
                new (&out[i++]) ParagraphView{text.substr(from, end - from), from};
                from = end + 1, units_from = f.units + 1;
            }
            if (i < done[k].count) {
                if (starts) starts[i] = base + units_from;
                new (&out[i]) ParagraphView{text.substr(from, text.size() - from), from};
            }
            return;
        }
        const std::size_t written = for_each_line(
            text, bounds[k], bounds[k + 1], [&](std::size_t from, std::size_t to, std::size_t i) {
                if (i >= done[k].count) return;  // never past the piece's run
                new (&out[i]) ParagraphView{text.substr(from, to - from), from};
            });
        for (std::size_t i = written; i < done[k].count; ++i)
            new (&out[i]) ParagraphView{};  // not expected
    });
    if (utf16_starts && !starts_known) {
        // Not noted while validating (carriage returns, a CPU without AVX2, a short text):
        // counted here, from each paragraph's start to the next.
        utf16_starts->resize(total);
        std::size_t at = start, counted = 0;
        for (std::size_t i = 0; i < total; ++i) {
            const std::size_t from = std::max(paragraphs[i].source_offset, at);
            counted += utf16_length(text.substr(at, from - at));
            at = from;
            if (counted >= (std::size_t{1} << 32))
                throw Error("check.too_large", "文件过大（超过 2^32 个 UTF-16 单元），无法检查");
            (*utf16_starts)[i] = static_cast<std::uint32_t>(counted);
        }
    }
    return paragraphs;
}

}  // namespace sanding
