// What stands around a draft's articles: its title among the lines above them (a 印发通知 or 文号
// is no part of it) and its layout (the 2018 articles, the 2008—2010 chapters, or no 三定 at all).
#include "recognize_internal.hpp"
#include "sanding/text.hpp"

namespace sanding::detail {
namespace {

bool stage_line(std::string_view t) {
    return (starts_with(t, "（") && ends_with(t, "稿）")) ||
           (starts_with(t, "(") && ends_with(t, "稿)"));
}

// Where a stage mark closing the line starts (…规定（讨论稿）), or npos.
std::size_t stage_mark_at(std::string_view t) {
    for (std::string_view open : {"（", "("})
        if (const auto at = t.rfind(open); at != t.npos && at > 0 && stage_line(t.substr(at)))
            return at;
    return t.npos;
}

// The title line without the stage mark it ends in, which goes to reg.stage.
std::string_view without_stage(std::string_view t, Regulation& reg) {
    const std::size_t at = stage_mark_at(t);
    if (at == t.npos) return t;
    const std::string_view mark = t.substr(at);
    const std::size_t open = starts_with(mark, "（") ? 3 : 1, close = ends_with(mark, "）") ? 3 : 1;
    if (reg.stage.empty()) reg.stage.assign(mark.substr(open, mark.size() - open - close));
    return t.substr(0, at);
}

// Whether a line reads like the title of a 三定 regulation: it ends in 规定 (or 方案) and names
// the regulation's parts (…职能配置、内设机构和人员编制规定). Containing 规定 is not enough: a
// 印发通知 above the title says 规定 too.
bool title_form(std::string_view t) {
    if (const auto stage = stage_mark_at(t); stage != t.npos) t = t.substr(0, stage);
    for (std::string_view mark : {"。", "，", "；", "：", "！", "？", "、", ".", ",", ";", ":"})
        if (ends_with(t, mark)) {
            t.remove_suffix(mark.size());  // S02 flags the mark; the line is still the title
            break;
        }
    if (!(ends_with(t, "规定") || ends_with(t, "方案"))) return false;
    return contains(t, "职能配置") || contains(t, "内设机构") || contains(t, "人员编制") ||
           contains(t, "主要职责") || contains(t, "三定");
}

// Lines above a title that are no part of it: a 文号 (澧编发〔2019〕12号), a 印发通知 or its
// salutation and body, a date, an attachment mark (附件).
bool front_noise(std::string_view t) {
    if (contains(t, "〔") || contains(t, "［") || (contains(t, "[") && contains(t, "号")))
        return true;
    if (contains(t, "通知") || contains(t, "印发") || ends_with(t, "：") || ends_with(t, ":"))
        return true;
    if (ends_with(t, "。") || ends_with(t, "日") || starts_with(t, "附件")) return true;
    return false;
}

void take_title_line(ParagraphSpan ps, std::size_t i, std::string_view t, Regulation& reg) {
    // A title broken over lines (梯形) is one title.
    for (char c : t)
        if (c != '\n') reg.title += c;
    if (reg.title_span.paragraph < 0)
        reg.title_span = {static_cast<int>(i),
                          static_cast<std::size_t>(t.data() - ps[i].text.data()), t.size()};
}

// A chapter heading of the older layouts (2008—2010, and the 2000—2005 ones before them): 一、职责
//调整 (一、职能调整), 二、主要职责, 三、内设机构, 四、人员编制 — a Chinese numeral, 、, and the
// chapter's name opening the line. *bare: the line is the heading alone.
bool chapter_heading(std::string_view t, std::string_view* name, bool* bare = nullptr) {
    const std::size_t len = numeral_chars(t, 0, 3);
    if (len == 0 || !holds_at(t, len, "、")) return false;
    const std::string_view rest = t.substr(len + 3);
    for (std::string_view n :
         {"职责调整", "职能调整", "主要职责", "内设机构", "人员编制", "其他事项", "附则"})
        if (starts_with(rest, n)) {
            *name = n;
            if (bare) *bare = rest.size() == n.size() && n != "其他事项" && n != "附则";
            return true;
        }
    return false;
}

}  // namespace

// Title and stage: the title is the line of the title's form (with the line just above it when
// that holds the body's name, a title broken in two), else — no such line — the lines before
// the first article that are no 文号 or notice.
void read_front_matter(ParagraphSpan ps, std::size_t front_end, bool has_articles,
                       Regulation& reg) {
    std::size_t title_line = front_end;
    for (std::size_t i = 0; i < front_end; ++i) {
        std::string_view t = trim(ps[i].text);
        if (t.empty()) continue;
        if (stage_line(t)) {
            std::size_t open = starts_with(t, "（") ? 3 : 1, close = ends_with(t, "）") ? 3 : 1;
            reg.stage.assign(t.substr(open, t.size() - open - close));
        } else if (title_line == front_end && title_form(t)) {
            title_line = i;
        }
    }
    if (title_line < front_end) {
        for (std::size_t i = 0; i < title_line; ++i) {
            const std::string_view above = trim(ps[i].text);
            if ((contains(above, "印发") && contains(above, "通知")) ||
                (contains(above, "〔") && contains(above, "号")))
                reg.issued = true;
        }
        std::string_view t = trim(ps[title_line].text);
        // “职能配置、内设机构和人员编制规定” alone: the body's name is the line above.
        if (starts_with(t, "职能配置") || starts_with(t, "主要职责") ||
            starts_with(t, "内设机构")) {
            for (std::size_t i = title_line; i-- > 0;) {
                std::string_view above = trim(ps[i].text);
                if (above.empty()) continue;
                if (!front_noise(above) && !stage_line(above)) take_title_line(ps, i, above, reg);
                break;
            }
        }
        take_title_line(ps, title_line, without_stage(t, reg), reg);
        return;
    }
    bool stage_seen = false;
    for (std::size_t i = 0; i < front_end; ++i) {
        std::string_view t = trim(ps[i].text);
        if (t.empty() || front_noise(t)) continue;
        if (stage_line(t)) stage_seen = true;
        if (stage_seen) break;  // the title stands above its 讨论稿 line
        if (has_articles || contains(t, "规定") || contains(t, "职能配置"))
            take_title_line(ps, i, without_stage(t, reg), reg);
    }
}

// The layout, once articles are read: the chapter form when it has no articles but two chapter
// headings or more, or one under a 三定 title or standing alone on its line (a page of a longer
// copy that starts at 三、内设机构); its staffing paragraph is read for the framework's rules. No
// regulation when neither its title nor two of its articles say it is one.
void read_layout(ParagraphSpan ps, Regulation& reg) {
    reg.layout = Layout::Articles;
    if (reg.articles.empty()) {
        int chapters = 0;
        bool bare_seen = false;
        int staffing_heading = -1;
        for (std::size_t i = 0; i < ps.size(); ++i) {
            std::string_view name;
            bool bare = false;
            if (!chapter_heading(trim(ps[i].text), &name, &bare)) continue;
            ++chapters;
            bare_seen = bare_seen || bare;
            if (name == "人员编制") staffing_heading = static_cast<int>(i);
        }
        if (chapters >= 2 || (chapters == 1 && (bare_seen || title_form(reg.title)))) {
            reg.layout = Layout::Chapters;
            // The staffing paragraph: the heading's own text when it holds the counts, else the
            // paragraphs after it up to the next heading.
            for (std::size_t i = staffing_heading < 0 ? ps.size()
                                                      : static_cast<std::size_t>(staffing_heading);
                 i < ps.size(); ++i) {
                std::string_view t = ps[i].text, name;
                if (static_cast<int>(i) != staffing_heading && chapter_heading(trim(t), &name))
                    break;
                if (contains(t, "编制") && contains(t, "名")) {
                    read_staffing(t, static_cast<int>(i), reg.staffing);
                    break;
                }
            }
            return;
        }
    }
    int roles = 0;
    for (ArticleRole r :
         {ArticleRole::Basis, ArticleRole::Nature, ArticleRole::Duties, ArticleRole::Units,
          ArticleRole::Staffing, ArticleRole::Interpretation, ArticleRole::Effective})
        if (reg.article(r).heading.paragraph >= 0) ++roles;
    if (roles < 2 && !title_form(reg.title)) reg.layout = Layout::NotRegulation;
}

}  // namespace sanding::detail
