// The duty catalogue (职责目录): templates/catalogue/*.xml, schemas/catalogue.xsd.
#include <set>
#include <sstream>

#include "sanding/boundaries.hpp"
#include "sanding/error.hpp"
#include "sanding/file.hpp"
#include "xml_util.hpp"

namespace sanding {

DutyCatalogue parse_catalogue(std::string_view xml, const std::string& where) {
    pugi::xml_document doc;
    parse_data_xml(doc, xml, where, "catalogue");
    const pugi::xml_node root = doc.child("catalogue");
    if (!root)
        throw Error("catalogue.not_catalogue", "不是职责目录文件（根元素应为 catalogue）", where);
    DutyCatalogue cat;
    cat.id = root.attribute("id").as_string();
    std::set<std::string> ids;
    for (pugi::xml_node d : root.children("duty")) {
        CatalogueDuty duty;
        duty.id = d.attribute("id").as_string();
        duty.body = d.attribute("body").as_string();
        duty.text = element_text(d);
        const std::string at = location(xml, where, d);
        if (duty.id.empty() || duty.body.empty())
            throw Error("catalogue.missing_attribute", "职责目录条目缺少 id 或 body 属性", at);
        if (duty.text.empty())
            throw Error("catalogue.empty_duty", "职责目录条目“" + duty.id + "”没有职责文字", at);
        if (!ids.insert(duty.id).second)
            throw Error("catalogue.duplicate_id", "职责目录条目标识“" + duty.id + "”重复", at);
        std::istringstream words(d.attribute("keywords").as_string());
        for (std::string w; words >> w;) duty.keywords.push_back(w);
        cat.duties.push_back(std::move(duty));
    }
    if (cat.duties.empty()) throw Error("catalogue.empty", "职责目录中没有任何职责", where);
    return cat;
}

DutyCatalogue load_catalogue(const std::string& path) {
    return parse_catalogue(read_file(path, 8u << 20), path);
}

}  // namespace sanding
