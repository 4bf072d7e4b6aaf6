#include <array>
#include <map>
#include <set>

#include "sanding/check/rule.hpp"
#include "sanding/error.hpp"
#include "sanding/text.hpp"
#include "xml_util.hpp"

namespace sanding {
namespace {

constexpr std::string_view kNs = "urn:sanding:rules:1";

constexpr std::array<std::pair<std::string_view, Scope>, 15> kScopeNames = {{
    {"text", kScopeText},
    {"title", kScopeTitle},
    {"basis", kScopeBasis},
    {"nature", kScopeNature},
    {"duties", kScopeDuties},
    {"units", kScopeUnits},
    {"staffing", kScopeStaffing},
    {"other", kScopeOther},
    {"interpretation", kScopeInterpretation},
    {"effective", kScopeEffective},
    {"duty-items", kScopeDutyItems},
    {"entrusted", kScopeEntrusted},
    {"transformation", kScopeTransformation},
    {"division", kScopeDivision},
    {"unit-items", kScopeUnitItems},
}};

class RuleSetParser {
public:
    RuleSetParser(std::string_view xml, const std::string& where, bool examples)
        : xml_(xml), where_(where), examples_(examples) {}

    RuleSet parse() {
        pugi::xml_document doc;
        // Whitespace matters inside patterns and examples (a rule may flag a single space).
        parse_data_xml(doc, xml_, where_, "rules", pugi::parse_ws_pcdata);
        auto root = doc.document_element();
        if (std::string_view(root.name()) != "rule-set" || root.attribute("xmlns").value() != kNs)
            fail(root, "根元素应为 <rule-set xmlns=\"" + std::string(kNs) + "\">");
        RuleSet set{root.attribute("id").value(),
                    root.attribute("name").value(),
                    root.attribute("version").value(),
                    {}};
        if (set.id.empty()) fail(root, "<rule-set> 缺少属性 id");
        // The whole drafts examples may be written against, first: an example names one by id.
        for (auto child : root.children("draft")) {
            const std::string id = child.attribute("id").value();
            if (id.empty()) fail(child, "<draft> 缺少属性 id");
            std::vector<pugi::xml_node> ps;
            for (auto p : child.children("p")) ps.push_back(p);
            if (ps.empty()) fail(child, "草稿 " + id + " 中没有 <p> 段落");
            if (!drafts_.emplace(id, std::move(ps)).second) fail(child, "草稿编号重复：" + id);
        }
        std::set<std::string> ids;
        for (auto child : root.children()) {
            if (child.type() != pugi::node_element) continue;
            if (std::string_view(child.name()) == "draft") continue;
            if (std::string_view(child.name()) != "rule")
                fail(child, "未知元素 <" + std::string(child.name()) + ">");
            Rule r = rule(child);
            if (!ids.insert(r.id).second) fail(child, "规则编号重复：" + r.id);
            set.rules.push_back(std::move(r));
        }
        if (set.rules.empty()) fail(root, "规则集中没有规则");
        return set;
    }

private:
    [[noreturn]] void fail(pugi::xml_node at, const std::string& msg) const {
        throw Error("rules.invalid", msg, location(xml_, where_, at));
    }
    int line(pugi::xml_node n) const {
        std::string loc = location(xml_, where_, n);
        return std::stoi(loc.substr(loc.rfind(':') + 1));
    }

    Rule rule(pugi::xml_node n) {
        Rule r;
        r.id = n.attribute("id").value();
        if (r.id.size() < 3 || r.id[0] < 'A' || r.id[0] > 'Z')
            fail(n, "规则编号无效：“" + r.id + "”");
        r.name = n.attribute("name").value();
        if (r.name.empty()) fail(n, "规则 " + r.id + " 缺少属性 name（几个字说明它检查什么）");
        r.file = where_;
        r.line = line(n);
        std::string_view sev = n.attribute("severity").value();
        if (sev == "error")
            r.severity = Severity::Error;
        else if (sev == "warning")
            r.severity = Severity::Warning;
        else if (sev == "info")
            r.severity = Severity::Info;
        else
            fail(n, "规则 " + r.id + " 的 severity 无效：“" + std::string(sev) + "”");
        std::string_view cat = n.attribute("category").value();
        bool known = false;
        for (Category c : {Category::Wording, Category::Punctuation, Category::Numbering,
                           Category::Structure, Category::Staffing, Category::Names})
            if (to_string(c) == cat) r.category = c, known = true;
        if (!known) fail(n, "规则 " + r.id + " 的 category 无效：“" + std::string(cat) + "”");
        std::string bad;
        if (auto scope = n.attribute("scope");
            scope && !parse_scopes(scope.value(), r.scopes, &bad))
            fail(n, "规则 " + r.id + " 的 scope 无效：“" + bad + "”");
        std::string_view check = n.attribute("check").value();
        if (!check.empty() && check != "code") fail(n, "规则 " + r.id + " 的 check 只能是 code");
        r.code = check == "code";
        r.safe_fix = n.attribute("safe-fix").as_bool(false);
        r.defined_name_exempt = n.attribute("defined-name-exempt").as_bool(false);
        r.local_only = n.attribute("local-only").as_bool(false);

        for (auto c : n.children()) {
            if (c.type() != pugi::node_element) continue;
            std::string_view name = c.name();
            if (name == "pattern")
                r.patterns.push_back(pattern(c, r.id));
            else if (name == "exception")
                r.exceptions.push_back(pattern(c, r.id));
            else if (name == "suggest")
                r.suggestions.push_back(c.text().get());
            else if (name == "message")
                r.message = element_text(c);
            else if (name == "source")
                r.source = element_text(c), r.source_url = c.attribute("url").value();
            else if (name == "example") {
                if (examples_) r.examples.push_back(example(c, true, r.id));
            } else if (name == "counter-example") {
                if (examples_) r.examples.push_back(example(c, false, r.id));
            } else
                fail(c, "规则 " + r.id + " 中有未知元素 <" + std::string(name) + ">");
        }
        if (r.message.empty()) fail(n, "规则 " + r.id + " 缺少 <message>");
        if (r.code && !r.patterns.empty())
            fail(n, "规则 " + r.id + " 是代码规则（check=\"code\"），不能有 <pattern>");
        if (!r.code && r.patterns.empty())
            fail(n, "规则 " + r.id + " 没有 <pattern>（或应标注 check=\"code\"）");
        if (r.safe_fix && !r.code) {
            for (const auto& p : r.patterns)
                if (!p.has_suggest && !p.halfwidth && r.suggestions.empty())
                    fail(n, "规则 " + r.id + " 标为可自动修正，但没有建议写法（<suggest>）");
        }
        return r;
    }

    Pattern pattern(pugi::xml_node c, const std::string& id) {
        Pattern p;
        p.text = c.text().get();
        if (p.text.empty()) fail(c, "规则 " + id + " 有空的 <" + std::string(c.name()) + ">");
        p.regex = c.attribute("regex").as_bool(false);
        p.before = c.attribute("before").value();
        p.after = c.attribute("after").value();
        p.prefilter = c.attribute("prefilter").value();
        if (!p.prefilter.empty() && !p.regex && !p.after.empty())
            fail(c, "规则 " + id + " 的字面模式有 after 语境时不能用 prefilter");
        if (auto s = c.attribute("suggest")) p.suggest = s.value(), p.has_suggest = true;
        std::string_view transform = c.attribute("transform").value();
        if (transform == "halfwidth")
            p.halfwidth = true;
        else if (!transform.empty())
            fail(c, "规则 " + id + " 的 transform 无效：“" + std::string(transform) + "”");
        return p;
    }

    // Collects text and the <mark> span of one paragraph's mixed content.
    void paragraph(pugi::xml_node n, RuleExample& ex, const std::string& id) {
        std::string text;
        for (auto c : n.children()) {
            if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
                text += c.value();
            } else if (c.type() == pugi::node_element && std::string_view(c.name()) == "mark") {
                if (ex.mark_paragraph >= 0) fail(c, "规则 " + id + " 的示例中只能有一个 <mark>");
                ex.mark_paragraph = static_cast<int>(ex.paragraphs.size());
                ex.mark_offset = text.size();
                text += c.text().get();
                ex.mark_length = text.size() - ex.mark_offset;
            } else if (c.type() == pugi::node_element) {
                fail(c, "规则 " + id + " 的示例段落中只允许 <mark>");
            }
        }
        ex.paragraphs.push_back(std::move(text));
    }

    RuleExample example(pugi::xml_node n, bool must_match, const std::string& id) {
        RuleExample ex;
        ex.must_match = must_match;
        ex.line = line(n);
        ex.body = n.attribute("body").value();
        if (auto f = n.attribute("fix")) ex.fix = f.value(), ex.has_fix = true;
        if (auto d = n.attribute("draft")) {
            for (auto p : changed_draft(n, d.value(), id)) paragraph(p, ex, id);
        } else if (n.child("p")) {
            for (auto p : n.children("p")) paragraph(p, ex, id);
        } else {
            paragraph(n, ex, id);
        }
        if (!must_match && ex.mark_paragraph >= 0)
            fail(n, "规则 " + id + " 的反例（counter-example）中不能有 <mark>");
        return ex;
    }

    // The paragraphs of draft `name` with an example's changes: <replace p="N"> (paragraph N, from
    // 1, becomes the <p>s given), <delete p="N">, <insert after="N"> (0: before the first). Each
    // paragraph of the draft is replaced or deleted at most once.
    std::vector<pugi::xml_node> changed_draft(pugi::xml_node n, const std::string& name,
                                              const std::string& id) {
        const auto it = drafts_.find(name);
        if (it == drafts_.end()) fail(n, "规则 " + id + " 的示例引用了不存在的草稿“" + name + "”");
        const std::vector<pugi::xml_node>& base = it->second;
        auto position = [&](pugi::xml_node c, const char* attr, std::size_t lowest) {
            const std::string v = c.attribute(attr).value();
            const bool digits =
                !v.empty() && v.size() < 6 && v.find_first_not_of("0123456789") == v.npos;
            const std::size_t k = digits ? std::stoul(v) : 0;
            if (!digits || k < lowest || k > base.size())
                fail(c, "规则 " + id + " 的示例中 <" + std::string(c.name()) + "> 的 " + attr +
                            "=\"" + v + "\" 不在草稿“" + name + "”的 " + std::to_string(lowest) +
                            "–" + std::to_string(base.size()) + " 段之内");
            return k;
        };
        std::vector<pugi::xml_node> replaced(base.size() + 1);  // an empty node: kept as is
        std::vector<bool> touched(base.size() + 1, false);
        std::vector<std::vector<pugi::xml_node>> inserted(base.size() + 1);
        for (auto c : n.children()) {
            if (c.type() != pugi::node_element) continue;
            const std::string_view op = c.name();
            if (op == "insert") {
                inserted[position(c, "after", 0)].push_back(c);
                continue;
            }
            if (op != "replace" && op != "delete")
                fail(c, "规则 " + id + " 基于草稿的示例中只允许 <replace>、<delete>、<insert>");
            const std::size_t k = position(c, "p", 1);
            if (touched[k])
                fail(c, "规则 " + id + " 的示例对草稿第 " + std::to_string(k) + " 段改了两次");
            touched[k] = true;
            replaced[k] = c;  // a <delete> has no <p>: nothing is put in
        }
        std::vector<pugi::xml_node> out;
        for (std::size_t k = 0; k <= base.size(); ++k) {
            if (k > 0) {
                if (!touched[k])
                    out.push_back(base[k - 1]);
                else
                    for (auto p : replaced[k].children("p")) out.push_back(p);
            }
            for (auto ins : inserted[k])
                for (auto p : ins.children("p")) out.push_back(p);
        }
        return out;
    }

    std::string_view xml_;
    const std::string& where_;
    bool examples_;  // read <example> and <counter-example>, or pass them over
    std::map<std::string, std::vector<pugi::xml_node>> drafts_;  // <draft id>: its paragraphs
};

}  // namespace

std::string_view to_string(Severity s) {
    switch (s) {
        case Severity::Error: return "error";
        case Severity::Warning: return "warning";
        case Severity::Info: return "info";
    }
    return "info";
}

std::string_view to_string(Category c) {
    switch (c) {
        case Category::Wording: return "wording";
        case Category::Punctuation: return "punctuation";
        case Category::Numbering: return "numbering";
        case Category::Structure: return "structure";
        case Category::Staffing: return "staffing";
        case Category::Names: return "names";
    }
    return "wording";
}

bool parse_scopes(std::string_view text, ScopeSet& out, std::string* bad_token) {
    ScopeSet set = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        std::size_t j = text.find(' ', i);
        if (j == text.npos) j = text.size();
        if (j > i) {
            std::string_view token = text.substr(i, j - i);
            bool found = false;
            for (auto [name, bit] : kScopeNames)
                if (name == token) set |= bit, found = true;
            if (!found) {
                if (bad_token) *bad_token = std::string(token);
                return false;
            }
        }
        i = j;
    }
    out = set == 0 ? kScopeText : set;
    return true;
}

RuleSet parse_rule_set(std::string_view xml, const std::string& where, bool examples) {
    return RuleSetParser(xml, where, examples).parse();
}

}  // namespace sanding
