#include "sanding/model_text.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "sanding/error.hpp"
#include "sanding/file.hpp"
#include "sanding/text.hpp"
#include "xml_util.hpp"

namespace sanding {
namespace {

constexpr std::string_view kNs = "urn:sanding:model-text:1";

const std::set<std::string, std::less<>> kFacts = {
    "district.province", "district.city",    "district.name",      "round.effective_date",
    "body.full_name",    "body.short_name",  "body.name",          "body.rank",
    "body.field",        "body.extra_names", "body.managing_body", "body.managing_full_name",
};
const std::set<std::string, std::less<>> kListFacts = {"body.hosted_offices"};

class ModelTextParser {
public:
    ModelTextParser(std::string_view xml, const std::string& where) : xml_(xml), where_(where) {}

    ModelText parse() {
        pugi::xml_document doc;
        parse_data_xml(doc, xml_, where_, "model_text");
        auto root = doc.document_element();
        if (std::string_view(root.name()) != "model-text" || root.attribute("xmlns").value() != kNs)
            fail(root, "根元素应为 <model-text xmlns=\"" + std::string(kNs) + "\">");
        ModelText mt;
        mt.kind = body_kind_from_string(root.attribute("kind").value());
        if (mt.kind == BodyKind::Unknown)
            fail(root, "未知的机构类别：" + std::string(root.attribute("kind").value()));
        for (auto child : root.children()) {
            if (child.type() != pugi::node_element) continue;
            std::string_view name = child.name();
            if (name == "label") {
                mt.label = element_text(child);
            } else if (name == "title") {
                mt.title = inline_content(child, false);
            } else if (name == "article") {
                mt.articles.push_back(article(child, mt));
            } else {
                fail(child, "未知元素 <" + std::string(name) + ">");
            }
        }
        if (mt.title.empty()) fail(root, "缺少 <title>");
        if (mt.articles.empty()) fail(root, "范本中没有任何条（<article>）");
        return mt;
    }

private:
    [[noreturn]] void fail(pugi::xml_node at, const std::string& msg) const {
        throw Error("model_text.invalid", msg, location(xml_, where_, at));
    }

    ArticleTemplate article(pugi::xml_node node, ModelText& mt) {
        ArticleTemplate a;
        a.role = article_role_from_string(node.attribute("role").value());
        if (a.role == ArticleRole::Unknown)
            fail(node,
                 "未知的条目角色 role=\"" + std::string(node.attribute("role").value()) + "\"");
        for (auto child : node.children()) {
            if (child.type() != pugi::node_element) continue;
            std::string_view name = child.name();
            TemplateBlock b;
            if (name == "p") {
                b.kind = TemplateBlock::Kind::Paragraph;
                b.for_each = child.attribute("for-each").value();
                if (!b.for_each.empty() && !kListFacts.count(b.for_each))
                    fail(child, "for-each 只能用于列表字段：" + b.for_each);
                b.text = inline_content(child, !b.for_each.empty());
            } else if (name == "duty-items") {
                b.kind = TemplateBlock::Kind::DutyItems;
                b.placeholder = child.attribute("placeholder").value();
                if (b.placeholder.empty()) fail(child, "<duty-items> 缺少 placeholder");
            } else if (name == "item") {
                b.kind = TemplateBlock::Kind::Item;
                std::string_view role = child.attribute("role").value();
                if (role == "entrusted")
                    b.item_role = DutyItemRole::Entrusted;
                else if (role == "transformation")
                    b.item_role = DutyItemRole::Transformation;
                else if (role == "division")
                    b.item_role = DutyItemRole::Division;
                else if (role == "ordinary" || role.empty())
                    b.item_role = DutyItemRole::Ordinary;
                else
                    fail(child, "未知的职责条目角色 role=\"" + std::string(role) + "\"");
                b.text = inline_content(child, false);
            } else if (name == "unit-items") {
                b.kind = TemplateBlock::Kind::UnitItems;
                b.placeholder = child.attribute("placeholder-name").value();
                b.placeholder_duties = child.attribute("placeholder-duties").value();
                if (b.placeholder.empty() || b.placeholder_duties.empty())
                    fail(child, "<unit-items> 须有 placeholder-name 和 placeholder-duties");
            } else if (name == "standard-unit") {
                std::string unit = child.attribute("name").value();
                if (unit.empty()) fail(child, "<standard-unit> 缺少 name");
                mt.standard_units[unit] = element_text(child);
                continue;
            } else if (name == "staffing-sentence") {
                b.kind = TemplateBlock::Kind::StaffingSentence;
                b.prefix = child.attribute("prefix").value();
            } else {
                fail(child, "未知元素 <" + std::string(name) + ">");
            }
            a.blocks.push_back(std::move(b));
        }
        if (a.blocks.empty()) fail(node, "条目没有内容");
        return a;
    }

    TextTemplate inline_content(pugi::xml_node node, bool in_for_each) {
        TextTemplate out;
        for (auto child : node.children()) {
            if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
                split_facts(child, child.value(), in_for_each, out);
            } else if (child.type() == pugi::node_element) {
                if (std::string_view(child.name()) != "opt")
                    fail(child,
                         "段落中只允许 <opt> 元素，遇到 <" + std::string(child.name()) + ">");
                TextPiece opt{TextPiece::Kind::Optional, child.attribute("if").value(), {}};
                if (!kFacts.count(opt.value)) fail(child, "<opt if> 引用了未知字段：" + opt.value);
                opt.pieces = inline_content(child, in_for_each);
                out.push_back(std::move(opt));
            }
        }
        return out;
    }

    void split_facts(pugi::xml_node at, std::string_view s, bool in_for_each, TextTemplate& out) {
        std::size_t i = 0;
        while (i < s.size()) {
            std::size_t open = s.find('{', i);
            if (open == s.npos) {
                out.push_back({TextPiece::Kind::Literal, std::string(s.substr(i)), {}});
                return;
            }
            if (open > i)
                out.push_back({TextPiece::Kind::Literal, std::string(s.substr(i, open - i)), {}});
            std::size_t close = s.find('}', open);
            if (close == s.npos)
                fail(at, "字段占位符缺少右花括号：" + std::string(s.substr(open, 40)));
            std::string name(s.substr(open + 1, close - open - 1));
            if (!kFacts.count(name) && !(in_for_each && name == "item"))
                fail(at, "未知字段 {" + name + "}");
            out.push_back({TextPiece::Kind::Fact, name, {}});
            i = close + 1;
        }
    }

    std::string_view xml_;
    const std::string& where_;
};

std::string join(const std::vector<std::string>& v, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? std::string(sep) : "") + v[i];
    return out;
}

using Facts = std::map<std::string, std::string, std::less<>>;

void expand_into(std::string& out, const TextTemplate& t, const Facts& facts) {
    for (const auto& p : t) {
        switch (p.kind) {
            case TextPiece::Kind::Literal: out += p.value; break;
            case TextPiece::Kind::Fact: {
                auto it = facts.find(p.value);
                if (it != facts.end()) out += it->second;
                break;
            }
            case TextPiece::Kind::Optional: {
                auto it = facts.find(p.value);
                if (it != facts.end() && !it->second.empty()) expand_into(out, p.pieces, facts);
                break;
            }
        }
    }
}

std::string expand(const TextTemplate& t, const Facts& facts) {
    std::string out;
    expand_into(out, t, facts);
    return std::string(trim(out));
}

std::string item_marker(int n) {
    return "（" + chinese_numeral(n) + "）";
}

}  // namespace

ModelText parse_model_text(std::string_view xml, const std::string& where) {
    return ModelTextParser(xml, where).parse();
}

ModelText load_model_text(const std::string& path) {
    return parse_model_text(read_file(path, 4u << 20), path);
}

ModelTextLibrary ModelTextLibrary::load_dir(const std::string& dir) {
    namespace fs = std::filesystem;
    ModelTextLibrary lib;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw Error("model_text.no_dir", "范本目录不存在", dir);
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".xml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        ModelText mt = load_model_text(f.string());
        BodyKind kind = mt.kind;
        if (!lib.texts_.emplace(kind, std::move(mt)).second)
            throw Error("model_text.duplicate_kind",
                        "同一机构类别有两个范本：" + std::string(to_string(kind)), f.string());
    }
    return lib;
}

const ModelText& ModelTextLibrary::for_kind(BodyKind kind) const {
    auto it = texts_.find(kind);
    if (it == texts_.end())
        throw Error("model_text.missing_kind", "没有“" + std::string(chinese_label(kind)) + "”（" +
                                                   std::string(to_string(kind)) + "）的范本");
    return it->second;
}

std::string staffing_sentence(std::string_view subject, std::string_view prefix,
                              const Staffing& s) {
    std::string out(subject);
    out += prefix;
    for (std::size_t i = 0; i < s.establishments.size(); ++i)
        out += (i ? "，" : "") + s.establishments[i].type +
               std::to_string(s.establishments[i].count) + "名";
    out += "。";
    if (!s.leaders.empty()) {
        out += "设";
        for (std::size_t i = 0; i < s.leaders.size(); ++i)
            out += (i ? "，" : "") + s.leaders[i].title + std::to_string(s.leaders[i].count) + "名";
        if (s.unit_posts >= 0 && !s.unit_level.empty()) {
            out += "；" + s.unit_level + "领导职数" + std::to_string(s.unit_posts) + "名";
            if (!s.breakdown.empty()) out += "（" + s.breakdown + "）";
        }
        out += "。";
    }
    return out;
}

Regulation fill_model_text(const ModelText& text, const Framework& fw, const BodyFacts& body) {
    const BodyFacts* managing = body.managed_by.empty() ? nullptr : fw.find(body.managed_by);
    Facts facts = {
        {"district.province", fw.district.province},
        {"district.city", fw.district.city},
        {"district.name", fw.district.name},
        {"round.effective_date", fw.round.effective_date},
        {"body.full_name", body.full_name},
        {"body.short_name", body.short_name},
        {"body.name", body.name},
        {"body.rank", body.rank},
        {"body.field", body.field},
        {"body.extra_names", join(body.extra_names, "、")},
        {"body.managing_body", managing ? managing->short_name : ""},
        {"body.managing_full_name", managing ? managing->full_name : ""},
    };

    Regulation reg;
    reg.title = expand(text.title, facts);
    reg.stage = "讨论稿";
    reg.body = {body.full_name,   body.short_name,     body.kind,        body.rank,
                body.extra_names, body.hosted_offices, fw.district.level};
    reg.effective_date = fw.round.effective_date;
    reg.staffing.establishments = body.quota.establishments;
    reg.staffing.leaders = body.quota.leaders;
    reg.staffing.unit_level = body.quota.unit_level;
    reg.staffing.unit_posts = body.quota.unit_level.empty() ? -1 : body.quota.unit_posts;

    int number = 0;
    for (const auto& at : text.articles) {
        Article a{++number, at.role, {}, {}};
        int item_no = 0;
        for (const auto& b : at.blocks) {
            switch (b.kind) {
                case TemplateBlock::Kind::Paragraph:
                    if (b.for_each.empty()) {
                        a.paragraphs.push_back(expand(b.text, facts));
                    } else {
                        for (const auto& item : body.hosted_offices) {
                            Facts with_item = facts;
                            with_item["item"] = item;
                            a.paragraphs.push_back(expand(b.text, with_item));
                        }
                    }
                    break;
                case TemplateBlock::Kind::DutyItems:
                case TemplateBlock::Kind::Item: {
                    DutyItem d;
                    d.number = ++item_no;
                    d.role =
                        b.kind == TemplateBlock::Kind::Item ? b.item_role : DutyItemRole::Ordinary;
                    d.text =
                        b.kind == TemplateBlock::Kind::Item ? expand(b.text, facts) : b.placeholder;
                    a.paragraphs.push_back(item_marker(d.number) + d.text);
                    reg.duty_items.push_back(std::move(d));
                    break;
                }
                case TemplateBlock::Kind::UnitItems:
                    for (int k = 0; k < body.internal_unit_count; ++k) {
                        InternalUnit u;
                        u.number = ++item_no;
                        u.name = k < static_cast<int>(body.unit_names.size()) ? body.unit_names[k]
                                                                              : b.placeholder;
                        auto std_duties = text.standard_units.find(u.name);
                        u.duties = std_duties != text.standard_units.end() ? std_duties->second
                                                                           : b.placeholder_duties;
                        a.paragraphs.push_back(item_marker(u.number) + u.name + "。" + u.duties);
                        reg.units.push_back(std::move(u));
                    }
                    break;
                case TemplateBlock::Kind::StaffingSentence:
                    a.paragraphs.push_back(
                        staffing_sentence(body.short_name, b.prefix, reg.staffing));
                    break;
            }
        }
        reg.articles.push_back(std::move(a));
    }
    return reg;
}

}  // namespace sanding
