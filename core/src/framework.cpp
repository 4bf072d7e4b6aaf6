#include "sanding/framework.hpp"

#include <set>

#include "sanding/clock.hpp"
#include "sanding/error.hpp"
#include "sanding/file.hpp"
#include "xml_util.hpp"

namespace sanding {
namespace {

constexpr std::string_view kNs = "urn:sanding:framework:1";

class FrameworkParser {
public:
    FrameworkParser(std::string_view xml, const std::string& where) : xml_(xml), where_(where) {}

    Framework parse() {
        pugi::xml_document doc;
        parse_data_xml(doc, xml_, where_, "framework");
        auto root = doc.document_element();
        if (std::string_view(root.name()) != "framework" || root.attribute("xmlns").value() != kNs)
            fail(root, "根元素应为 <framework xmlns=\"" + std::string(kNs) + "\">");
        Framework fw;
        fw.id = required_attr(root, "id");
        auto district = required_child(root, "district");
        fw.district.province = required_attr(district, "province");
        fw.district.city = required_attr(district, "city");
        fw.district.name = required_attr(district, "name");
        if (auto level = std::string(district.attribute("level").value()); !level.empty()) {
            if (!is_one_of(level.c_str(), {"区", "县", "市", "省"}))
                fail(district, "level 应为 区、县、市 或 省，写的是“" + level + "”");
            fw.district.level = level;
        }
        fw.district.party_committee = district.attribute("party-committee").value();
        if (fw.district.party_committee.empty())
            fw.district.party_committee = fw.district.level + "委";
        fw.district.establishment_office = district.attribute("establishment-office").value();
        if (fw.district.establishment_office.empty())
            fw.district.establishment_office = fw.district.party_committee + "机构编制委员会办公室";
        auto round = required_child(root, "round");
        fw.round = {required_attr(round, "id"), required_attr(round, "name"),
                    required_attr(round, "deadline"), required_attr(round, "effective-date")};
        if (auto tz = round.attribute("time-zone")) {
            if (!known_time_zone(tz.value()))
                fail(round, std::string("time-zone 应为时区名（如 Asia/Shanghai），写的是“") +
                                tz.value() + "”");
            fw.round.time_zone = tz.value();
        }
        std::set<std::string> ids;
        for (auto b : root.children("body")) {
            BodyFacts body = parse_body(b);
            if (!ids.insert(body.id).second) fail(b, "机构标识重复：" + body.id);
            fw.bodies.push_back(std::move(body));
        }
        for (auto child : root.children())
            if (child.type() == pugi::node_element &&
                !is_one_of(child.name(), {"district", "round", "body"}))
                fail(child, std::string("未知元素 <") + child.name() + ">");
        if (fw.bodies.empty()) fail(root, "框架中没有任何机构（<body>）");
        for (auto b : root.children("body")) {
            std::string managed = element_text(b.child("managed-by"));
            if (!managed.empty() && !ids.count(managed))
                fail(b.child("managed-by"), "managed-by 指向不存在的机构：" + managed);
        }
        return fw;
    }

private:
    static bool is_one_of(std::string_view n, std::initializer_list<std::string_view> names) {
        for (auto x : names)
            if (n == x) return true;
        return false;
    }

    [[noreturn]] void fail(pugi::xml_node at, const std::string& msg) const {
        throw Error("framework.invalid", msg, location(xml_, where_, at));
    }

    pugi::xml_node required_child(pugi::xml_node n, const char* name) const {
        auto c = n.child(name);
        if (!c) fail(n, std::string("缺少元素 <") + name + ">");
        return c;
    }

    std::string required_attr(pugi::xml_node n, const char* name) const {
        auto a = n.attribute(name);
        if (!a || std::string_view(a.value()).empty())
            fail(n, std::string("<") + n.name() + "> 缺少属性 " + name);
        return a.value();
    }

    std::string required_text(pugi::xml_node n, const char* name) const {
        std::string t = element_text(required_child(n, name));
        if (t.empty()) fail(n.child(name), std::string("<") + name + "> 不能为空");
        return t;
    }

    int count_attr(pugi::xml_node n, const char* name, int min) const {
        std::string v = required_attr(n, name);
        if (v.find_first_not_of("0123456789") != v.npos || v.size() > 6)
            fail(n, std::string("属性 ") + name + " 应为非负整数：" + v);
        int c = std::stoi(v);
        if (c < min) fail(n, std::string("属性 ") + name + " 不能小于 " + std::to_string(min));
        return c;
    }

    BodyFacts parse_body(pugi::xml_node b) const {
        BodyFacts f;
        f.id = required_attr(b, "id");
        if (f.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
            fail(b, "机构标识只能由小写字母、数字和连字符组成：" + f.id);
        f.kind = body_kind_from_string(required_attr(b, "kind"));
        if (f.kind == BodyKind::Unknown)
            fail(b, "未知的机构类别：" + std::string(b.attribute("kind").value()));
        f.rank = required_attr(b, "rank");
        f.name = required_text(b, "name");
        f.full_name = required_text(b, "full-name");
        f.short_name = required_text(b, "short-name");
        f.field = required_text(b, "field");
        for (auto e : b.children("extra-name")) f.extra_names.push_back(element_text(e));
        for (auto e : b.children("hosted-office")) f.hosted_offices.push_back(element_text(e));
        f.managed_by = element_text(b.child("managed-by"));
        if ((f.kind == BodyKind::ManagedAgency || f.kind == BodyKind::PublicInstitution) &&
            f.managed_by.empty())
            fail(b, "部门管理机构和事业单位须写明 <managed-by>：" + f.id);

        auto staffing = required_child(b, "staffing");
        for (auto e : staffing.children("establishment"))
            f.quota.establishments.push_back({required_attr(e, "type"), count_attr(e, "count", 0)});
        if (f.quota.establishments.empty())
            fail(staffing, "<staffing> 至少要有一个 <establishment>");
        bool principal_seen = false;
        for (auto l : staffing.children("leader")) {
            bool principal = l.attribute("principal").as_bool(false);
            LeaderPost post{required_attr(l, "title"), count_attr(l, "count", 0)};
            if (principal) {
                if (principal_seen) fail(l, "只能有一个正职（principal=\"true\"）");
                principal_seen = true;
                f.quota.leaders.insert(f.quota.leaders.begin(), post);
            } else {
                f.quota.leaders.push_back(post);
            }
        }
        if (!principal_seen) fail(staffing, "<staffing> 缺少正职 <leader principal=\"true\">");
        if (auto u = staffing.child("unit-posts")) {
            f.quota.unit_level = required_attr(u, "level");
            f.quota.unit_posts = count_attr(u, "count", 0);
        }
        auto units = required_child(b, "internal-units");
        f.internal_unit_count = count_attr(units, "count", 0);
        for (auto u : units.children("unit")) f.unit_names.push_back(element_text(u));
        if (static_cast<int>(f.unit_names.size()) > f.internal_unit_count)
            fail(units, "列出的内设机构名称多于 count=" + std::to_string(f.internal_unit_count));
        return f;
    }

    std::string_view xml_;
    const std::string& where_;
};

}  // namespace

const BodyFacts* Framework::find(std::string_view body_id) const {
    for (const auto& b : bodies)
        if (b.id == body_id) return &b;
    return nullptr;
}

Framework parse_framework(std::string_view xml, const std::string& where) {
    Framework fw = FrameworkParser(xml, where).parse();
    fw.source = xml;
    return fw;
}

Framework load_framework(const std::string& path) {
    return parse_framework(read_file(path, 16u << 20), path);
}

}  // namespace sanding
