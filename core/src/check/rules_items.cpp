// Rules over the items of 第三条 (duties) and 第四条 (internal units): numbering, the 交办 item,
// the unit-item form, verbs, duplicates and end marks.
#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "code_rules.hpp"
#include "sanding/recognize.hpp"
#include "sanding/text.hpp"

namespace sanding {
namespace {

std::string marker_for(int n) {
    return "（" + chinese_numeral(n) + "）";
}

// S06: items numbered （一）（二）… in full-width brackets, consecutively, restarting in each 条.
template <class Items>
void check_numbering(const CheckContext& c, const Items& items) {
    int article = -2, expected = 1;
    for (const auto& it : items) {
        const int p = it.span.paragraph;
        if (p < 0) continue;
        if (c.info[p].article != article) article = c.info[p].article, expected = 1;
        const auto& m = c.markers[static_cast<std::size_t>(p)].item;
        if (!m) continue;
        if (!m->chinese_brackets) {
            c.emit("S06", p, m->offset, m->length, "项的序号应写作" + marker_for(expected),
                   {marker_for(expected)});
        } else if (m->number > 0 && m->number != expected) {
            c.emit("S06", p, m->offset, m->length,
                   "序号不连续，此处应为" + marker_for(expected) +
                       (expected == 1 ? "（每条重新编号）" : ""),
                   {marker_for(expected)});
        }
        expected = (m->number > 0 ? m->number : expected) + 1;
    }
}

void s06_item_numbering(const CheckContext& c) {
    check_numbering(c, c.reg.duty_items);
    check_numbering(c, c.reg.units);
}

void s07_entrusted_item(const CheckContext& c) {
    const Article& duties = c.reg.article(ArticleRole::Duties);
    if (duties.heading.paragraph < 0 || c.reg.duty_items.empty()) return;
    bool entrusted = false;
    for (const auto& d : c.reg.duty_items) {
        if (d.role == DutyItemRole::Entrusted) {
            entrusted = true;
        } else if (entrusted && d.role == DutyItemRole::Ordinary) {
            c.emit("S07", d.span.paragraph, d.span.offset, d.span.length,
                   "“交办的其他任务”应是最后一项职责，其后只能是职能转变和有关职责分工");
            return;
        }
    }
    // A list the text stops in may go on past the excerpt (S19 says where the text stops).
    if (!entrusted && !c.ends_within(ArticleRole::Duties))
        c.emit_at_article("S07", duties, "缺少“完成……交办的其他任务。”一项");
}

void s08_entrusting_authority(const CheckContext& c) {
    const BodyKind kind = c.reg.body.kind;
    const std::string party = c.party_committee(), gov = c.government();
    // 县人民政府 is 县政府 written out: either is the same authority.
    const std::string gov_long = c.level() == "国家" ? gov : c.level() + "人民政府";
    for (const auto& d : c.reg.duty_items) {
        if (d.role != DutyItemRole::Entrusted) continue;
        std::string_view t = d.text;
        std::string want;
        if (kind == BodyKind::PartyOrgan && (contains(t, gov) || contains(t, gov_long)))
            want = "完成" + party + "交办的其他任务。";
        else if ((kind == BodyKind::GovernmentDepartment || kind == BodyKind::StreetOffice) &&
                 !(contains(t, party) && (contains(t, gov) || contains(t, gov_long))))
            want = "完成" + party + "、" + gov + "交办的其他任务。";
        if (!want.empty())
            c.emit("S08", d.span.paragraph, d.span.offset, d.span.length,
                   std::string(chinese_label(kind)) + "应写“" + want + "”", {want});
    }
}

void s12_unit_item_form(const CheckContext& c) {
    for (const auto& u : c.reg.units) {
        if (u.span.paragraph < 0 || u.name.empty()) continue;
        const std::string_view t = c.text(u.span.paragraph);
        const std::size_t at = u.span.offset + u.name.size();
        for (std::string_view bad : {"：", "，", ":", ","}) {
            if (t.compare(at, bad.size(), bad) == 0) {
                c.emit("S12", u.span.paragraph, at, bad.size(), u.name + "之后应用句号", {"。"});
                break;
            }
        }
    }
}

constexpr std::array<std::string_view, 23> kFunctionalVerbs = {
    "负责", "承担", "拟订", "制定", "组织", "实施", "指导", "监督", "管理", "协调", "统筹", "牵头",
    "会同", "参与", "配合", "推进", "审核", "编制", "执行", "贯彻", "研究", "落实", "制订"};

bool placeholder(std::string_view t) {
    return starts_with(trim(t), "【");
}

void d01_functional_verb(const CheckContext& c) {
    for (const auto& d : c.reg.duty_items) {
        if (d.role != DutyItemRole::Ordinary || placeholder(d.text)) continue;
        // Most items begin with their verb (负责…, 拟订…): looked for there first, then anywhere.
        const std::string_view start = trim_front(d.text).substr(0, 6);
        bool verb = std::find(kFunctionalVerbs.begin(), kFunctionalVerbs.end(), start) !=
                    kFunctionalVerbs.end();
        for (auto v : kFunctionalVerbs) verb = verb || contains(d.text, v);
        if (!verb)
            c.emit("D01", d.span.paragraph, d.span.offset, d.span.length,
                   "此项职责没有职能动词（负责、承担、拟订、组织实施、指导、监督管理、协调……）");
    }
}

void d13_duplicate_items(const CheckContext& c) {
    // The items' texts sorted (a view and its item each, no copies): an item whose text an
    // earlier item has too is a repeat.
    const auto& items = c.reg.duty_items;
    std::vector<std::pair<std::string_view, std::size_t>> texts;
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].role == DutyItemRole::Ordinary && !placeholder(items[i].text))
            texts.push_back({trim(items[i].text), i});
    std::sort(texts.begin(), texts.end());
    std::vector<bool> repeat(items.size(), false);
    for (std::size_t k = 1; k < texts.size(); ++k)
        if (texts[k].first == texts[k - 1].first) repeat[texts[k].second] = true;
    for (std::size_t i = 0; i < items.size(); ++i)
        if (repeat[i])
            c.emit("D13", items[i].span.paragraph, items[i].span.offset, items[i].span.length,
                   "与前面某项职责完全相同");
}

// P02: each item ends with 。 (laws end items with ；, 三定 does not).
template <class Items>
void check_end_marks(const CheckContext& c, const Items& items) {
    for (const auto& it : items) {
        const int p = it.span.paragraph;
        if (p < 0) continue;
        std::string_view t = trim(c.text(p));
        const std::size_t end = static_cast<std::size_t>(t.data() - c.text(p).data()) + t.size();
        if (t.empty() || ends_with(t, "。") || ends_with(t, "】") || ends_with(t, "：")) continue;
        if (ends_with(t, "；") || ends_with(t, "，") || ends_with(t, ";")) {
            const std::size_t n = ends_with(t, ";") ? 1 : 3;
            c.emit("P02", p, end - n, n, "项末应用句号", {"。"});
        } else {
            std::size_t last = t.size() - 1;
            while (last > 0 && (static_cast<unsigned char>(t[last]) & 0xC0) == 0x80) --last;
            std::string ch(t.substr(last));
            c.emit("P02", p, end - ch.size(), ch.size(), "项末缺少句号", {ch + "。"});
        }
    }
}

void p02_item_end(const CheckContext& c) {
    check_end_marks(c, c.reg.duty_items);
    check_end_marks(c, c.reg.units);
}

}  // namespace

namespace detail {
void add_item_rules(std::vector<CodeRule>& v) {
    v.insert(
        v.end(),
        {SANDING_CODE_RULE("S06", s06_item_numbering), SANDING_CODE_RULE("S07", s07_entrusted_item),
         SANDING_CODE_RULE("S08", s08_entrusting_authority),
         SANDING_CODE_RULE("S12", s12_unit_item_form),
         SANDING_CODE_RULE("D01", d01_functional_verb),
         SANDING_CODE_RULE("D13", d13_duplicate_items), SANDING_CODE_RULE("P02", p02_item_end)});
}
}  // namespace detail

}  // namespace sanding
